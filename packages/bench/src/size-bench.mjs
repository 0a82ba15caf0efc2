// 4. Size: each public entry bundled with esbuild (bundle, minify, ESM), dependencies
// included, then gzipped with node:zlib (level 9). Node built-ins stay external on platform node.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(join(here, "package.json"));
const mailtrapDir = dirname(require.resolve("mailtrap/package.json"));
const fromMailtrap = createRequire(join(mailtrapDir, "package.json"));
const js = (/** @type {string} */ p) => JSON.stringify(p);

/**
 * @typedef {{ key: string, label: string, group: "ours" | "reference" | "official" | "node-only", platform: "browser" | "node",
 *   code: string, note: string }} SizeEntry
 */

/** @returns {SizeEntry[]} */
export function sizeEntries() {
  const mockSrc = join(here, "../mock/src/index.ts");
  const mockBuilt = existsSync(join(here, "../mock/dist/index.js"));
  return [
    {
      key: "types",
      label: "@mailtrap-webhooks/types (all exports)",
      group: "ours",
      platform: "browser",
      code: 'export * from "@mailtrap-webhooks/types";',
      note: "runtime part is the generated enum value lists; the rest is types",
    },
    {
      key: "client",
      label: "@mailtrap-webhooks/client (all exports)",
      group: "ours",
      platform: "browser",
      code: 'export * from "@mailtrap-webhooks/client";',
      note: "includes openapi-fetch",
    },
    {
      key: "openapi-fetch",
      label: "openapi-fetch (createClient alone)",
      group: "reference",
      platform: "browser",
      code: 'export { default } from "openapi-fetch";',
      note: "the client's one dependency, for scale",
    },
    {
      key: "receiver",
      label: "@mailtrap-webhooks/receiver (all exports)",
      group: "ours",
      platform: "browser",
      code: 'export * from "@mailtrap-webhooks/receiver";',
      note: "verify, parse, handler, test helpers",
    },
    {
      key: "receiver-verify",
      label: "@mailtrap-webhooks/receiver { verifySignature }",
      group: "ours",
      platform: "browser",
      code: 'export { verifySignature } from "@mailtrap-webhooks/receiver";',
      note: "tree-shaken to the one function",
    },
    {
      key: "receiver-node",
      label: "@mailtrap-webhooks/receiver/node (all exports)",
      group: "node-only",
      platform: "node",
      code: 'export * from "@mailtrap-webhooks/receiver/node";',
      note: "node:http adapter; platform node",
    },
    {
      key: "mock",
      label: "@mailtrap-webhooks/mock (all exports)",
      group: "node-only",
      platform: "node",
      code: mockBuilt ? 'export * from "@mailtrap-webhooks/mock";' : `export * from ${js(mockSrc)};`,
      note: `Prism and its dependencies; platform node; a test tool, not a runtime dependency${mockBuilt ? "" : " (bundled from src: dist not built)"}`,
    },
    {
      key: "mailtrap-client",
      label: "mailtrap: new MailtrapClient().webhooks",
      group: "official",
      platform: "node",
      code: 'import { MailtrapClient } from "mailtrap"; export const webhooks = (o) => new MailtrapClient(o).webhooks;',
      note: "how a user reaches its webhooks API; CommonJS, so every API module comes along; includes axios and qs; platform node (needs http, https)",
    },
    {
      key: "mailtrap-webhooks-module",
      label: "mailtrap: Webhooks API module + axios only",
      group: "official",
      platform: "node",
      code: `import Webhooks from ${js(join(mailtrapDir, "dist/lib/api/Webhooks.js"))}; import axios from ${js(fromMailtrap.resolve("axios"))}; export const webhooks = (id) => new Webhooks(axios.create(), id);`,
      note: "lower bound: deep import past the package's exports map (not possible for users); platform node",
    },
    {
      key: "mailtrap-verify",
      label: 'mailtrap: { verifyWebhookSignature } from "mailtrap"',
      group: "official",
      platform: "node",
      code: 'export { verifyWebhookSignature } from "mailtrap";',
      note: "the package index is CommonJS, so nothing is tree-shaken; platform node",
    },
    {
      key: "mailtrap-verify-module",
      label: "mailtrap: verify-signature module only",
      group: "official",
      platform: "node",
      code: `export { default as verifyWebhookSignature } from ${js(join(mailtrapDir, "dist/lib/webhooks/verify-signature.js"))};`,
      note: "lower bound: deep import (node:crypto external); platform node",
    },
  ];
}

/** "…/node_modules/openapi-fetch/dist/x.mjs" -> "openapi-fetch"; "../client/dist/x.js" -> "@mailtrap-webhooks/client" */
function packageOf(/** @type {string} */ input) {
  const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(input)?.[1];
  if (dep) return dep;
  const ours = /(?:^|\/)\.\.\/([^/.][^/]*)\//.exec(input)?.[1];
  return ours ? `@mailtrap-webhooks/${ours}` : input;
}

/** @param {SizeEntry} entry */
async function measure(entry) {
  const result = await build({
    stdin: { contents: entry.code, resolveDir: here, sourcefile: `${entry.key}-entry.js`, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: entry.platform,
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    legalComments: "none",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild wrote nothing");
  const inputs = Object.keys(result.metafile.inputs);
  const produced = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  /** @type {Record<string, number>} minified bytes in the output, per package */
  const byPackage = {};
  for (const [input, info] of Object.entries(produced)) {
    const name = packageOf(input);
    byPackage[name] = (byPackage[name] ?? 0) + info.bytesInOutput;
  }
  const packages = new Set();
  for (const input of inputs) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(input);
    if (m?.[1]) packages.add(m[1]);
  }
  return {
    minBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    modules: inputs.length,
    byPackage,
    packages: [...packages].sort(),
  };
}

/** @param {{ only?: string[] }} [options] */
export async function benchSize(options = {}) {
  /** @type {Record<string, any>} */
  const results = {};
  for (const entry of sizeEntries()) {
    if (options.only && !options.only.includes(entry.key)) continue;
    try {
      results[entry.key] = { ...entry, ...(await measure(entry)) };
    } catch (error) {
      const message =
        /** @type {{ errors?: { text: string }[] }} */ (error).errors?.[0]?.text ?? String(error);
      results[entry.key] = { ...entry, error: message.slice(0, 300) };
    }
  }
  return results;
}
