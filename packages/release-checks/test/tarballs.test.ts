// What users install is the packed tarball, not this workspace. Pack every public package,
// lint the tarballs (publint, attw), then install them with plain npm into a fresh project
// outside the repository and use them from TypeScript (nodenext and bundler), ESM and CJS.
import { execFile } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const repo = fileURLToPath(new URL("../../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./tarballs/fixtures", import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  files?: string[];
}

const publicPackages = readdirSync(join(repo, "packages"))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(repo, "packages", dir, "package.json"), "utf8")),
  }))
  .filter(({ manifest }) => !(manifest as PackageJson).private);

const work = mkdtempSync(join(tmpdir(), "mailtrap-webhooks-tarballs-"));
const packs = join(work, "packs");
const project = join(work, "project");
const tarballs = new Map<string, string>();

// The npm install mostly waits on the registry, so it starts as soon as the tarballs exist and
// runs while publint and attw check them.
let installed: Promise<unknown> | undefined;

beforeAll(async () => {
  mkdirSync(packs);
  await Promise.all(
    publicPackages.map(async ({ dir, manifest }) => {
      await exec("pnpm", ["pack", "--pack-destination", packs], { cwd: join(repo, "packages", dir) });
      const name = (manifest as PackageJson).name;
      tarballs.set(
        name,
        join(packs, `${name.replace("@", "").replace("/", "-")}-${(manifest as PackageJson).version}.tgz`),
      );
    }),
  );
  installed = installTarballs();
  // Keeps an install failure from surfacing as an unhandled rejection before a test awaits it.
  installed.catch(() => {});
}, 120_000);
afterAll(async () => {
  await installed?.catch(() => {});
  rmSync(work, { recursive: true, force: true });
}, 300_000);

async function installTarballs() {
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "tarball-smoke", private: true }));
  const install = [
    "install",
    "--no-audit",
    "--no-fund",
    "typescript@5.9.3",
    "@types/node@20",
    ...tarballs.values(),
  ];
  const options = { cwd: project, timeout: 240_000 };
  // --prefer-offline takes the package lists npm has cached instead of asking the registry
  // again for each of the ~150 packages (about 8 s of round trips). A version newer than its
  // cached list (ETARGET) sends npm back to the registry.
  await exec("npm", [...install, "--prefer-offline"], options).catch(async (error) => {
    if (!/\bETARGET\b/.test(String(error.stderr))) throw error;
    await exec("npm", install, options);
  });
  for (const file of ["usage.ts", "journey.cjs", "smoke.mjs", "smoke.cjs"])
    copyFileSync(join(fixtures, file), join(project, file));
}

/** The bytes of a Buffer as the ArrayBuffer publint takes (a small Buffer shares a larger pool). */
function arrayBufferOf(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

describe("public packages", () => {
  it("are the six the design names", () => {
    expect(publicPackages.map(({ manifest }) => (manifest as PackageJson).name).sort()).toEqual([
      "@mailtrap-webhooks/cli",
      "@mailtrap-webhooks/client",
      "@mailtrap-webhooks/mock",
      "@mailtrap-webhooks/receiver",
      "@mailtrap-webhooks/spec",
      "@mailtrap-webhooks/types",
    ]);
  });

  it.each(publicPackages.map(({ manifest }) => (manifest as PackageJson).name))(
    "%s ships only dist, README and LICENSE",
    async (name) => {
      const { stdout } = await exec("tar", ["tzf", tarballs.get(name) ?? ""]);
      const files = stdout
        .trim()
        .split("\n")
        .map((file) => file.replace(/^package\//, ""));
      expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
      const allowed = /^(package\.json|README\.md|LICENSE|dist\/.+)$/;
      expect(files.filter((file) => !allowed.test(file))).toEqual([]);
      // Only the spec package carries the document; the others read it through that package.
      expect(files.some((file) => file.endsWith(".openapi.yaml"))).toBe(name === "@mailtrap-webhooks/spec");
      const manifest = JSON.parse(
        (await exec("tar", ["xzOf", tarballs.get(name) ?? "", "package/package.json"])).stdout,
      );
      expect(JSON.stringify(manifest)).not.toMatch(/workspace:|catalog:/);
    },
  );

  // The repository URL lives in the root package.json; each package points into it.
  const rootManifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8"));
  it.each(publicPackages.map(({ dir, manifest }) => [(manifest as PackageJson).name, dir]))(
    "%s ships the metadata npm shows: description, keywords, license, engines, repository",
    async (name, dir) => {
      const packed = JSON.parse(
        (await exec("tar", ["xzOf", tarballs.get(name) ?? "", "package/package.json"])).stdout,
      );
      expect(packed.description).toMatch(/Mailtrap/);
      expect(packed.keywords).toEqual(expect.arrayContaining(["mailtrap", "webhooks"]));
      expect(packed.license).toBe("MIT");
      expect(packed.engines).toEqual({ node: ">=20" });
      expect(packed.repository).toEqual({ ...rootManifest.repository, directory: `packages/${dir}` });
      expect(packed.bugs).toEqual(rootManifest.bugs);
      expect(packed.homepage).toBe(
        rootManifest.homepage.replace(/#readme$/, `/tree/main/packages/${dir}#readme`),
      );
    },
  );

  it.each(publicPackages.map(({ manifest }) => (manifest as PackageJson).name))(
    "%s passes publint (strict) and attw",
    async (name) => {
      // In this process rather than through their CLIs: attw loads TypeScript once for all
      // five packages instead of once each. The same checks as `publint run --strict` (which
      // says "All good!" only when it has no message) and `attw` with its default profile.
      const tarball = readFileSync(tarballs.get(name) ?? "");
      const linted = await publint({ pack: { tarball: arrayBufferOf(tarball) }, strict: true });
      expect(linted.messages.map((message) => formatMessage(message, linted.pkg))).toEqual([]);
      // Data files (the spec's YAML and JSON) are entry points too, but not modules attw can resolve.
      const exports = (publicPackages.find(({ manifest }) => manifest.name === name)?.manifest.exports ??
        {}) as object;
      const dataEntries = Object.keys(exports).filter(
        (entry) => /\.(ya?ml|json)$/.test(entry) && entry !== "./package.json",
      );
      // A package with only a bin (the CLI) has no module entry points for attw to check.
      if (!("exports" in (publicPackages.find(({ manifest }) => manifest.name === name)?.manifest ?? {})))
        return;
      const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(tarball)), {
        excludeEntrypoints: dataEntries,
      });
      expect(analysis.types).not.toBe(false);
      expect("problems" in analysis && analysis.problems).toEqual([]);
    },
    60_000,
  );
});

// Concurrent: each test is its own child process (tsc, a smoke script, the CLI) with its own
// files and ports, and together they would leave a core idle.
describe.concurrent("installed from tarballs with plain npm", () => {
  beforeAll(() => installed, 300_000);

  it.each([
    { moduleResolution: "nodenext", module: "nodenext" },
    { moduleResolution: "bundler", module: "esnext" },
  ])(
    "types compile under moduleResolution $moduleResolution, and a wrong create payload does not",
    async (options) => {
      const tsconfig = join(project, `tsconfig.${options.moduleResolution}.json`);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: {
            ...options,
            target: "es2022",
            strict: true,
            noEmit: true,
            // Our .d.ts files are checked as a strict user's build would; TypeScript's own lib
            // files are not ours, and checking them took about 1.4 CPU-s per run.
            skipLibCheck: false,
            skipDefaultLibCheck: true,
            types: ["node"],
          },
          files: ["usage.ts"],
        }),
      );
      // Each @ts-expect-error in usage.ts must meet its error, or tsc fails here.
      const result = await exec(join(project, "node_modules/.bin/tsc"), ["-p", tsconfig]).catch(
        (error) => error,
      );
      expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
    },
    60_000,
  );

  it.each(["smoke.mjs", "smoke.cjs"])(
    "%s starts the installed mock, calls all five operations and verifies a signed delivery",
    async (script) => {
      const { stdout } = await exec(process.execPath, [script], { cwd: project, timeout: 60_000 });
      const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
      expect(result).toMatchObject({
        module: script.endsWith(".mjs") ? "esm" : "cjs",
        secret: 32,
        updated: false,
        verified: true,
        status: 200,
        overHttp: [200, 401],
      });
      expect(result.listed).toBeGreaterThan(0);
      expect(result.got).toEqual(expect.any(Number));
      expect(result.got).toBe(result.deleted);
    },
    60_000,
  );

  it("the installed CLI runs: --version, and trigger refusing a bad kind with exit code 1", async () => {
    const cliBin = join(project, "node_modules/.bin/mailtrap-webhooks");
    const version = await exec(cliBin, ["--version"]);
    expect(version.stdout.trim()).toBe(
      (publicPackages.find(({ dir }) => dir === "cli")?.manifest as PackageJson | undefined)?.version,
    );
    const refused = await exec(cliBin, [
      "trigger",
      "bogus",
      "--url",
      "http://127.0.0.1:9/",
      "--secret",
      "s",
    ]).catch((error) => error);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/KIND must be one of/);
  });
});
