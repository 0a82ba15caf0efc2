import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { packageTests } from "../../vitest.preset.mjs";

// Examples import the package by name; point that at the sources so tests need no build.
const src = (file: string) => fileURLToPath(new URL(`./src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@mailtrap-webhooks\/receiver\/node$/, replacement: src("node.ts") },
      { find: /^@mailtrap-webhooks\/receiver\/fastify$/, replacement: src("fastify.ts") },
      { find: /^@mailtrap-webhooks\/receiver$/, replacement: src("index.ts") },
      // node:crypto, as package.json's `#platform` gives Node; tests can switch to Web Crypto.
      {
        find: /^\.\/platform\/current\.js$/,
        replacement: fileURLToPath(new URL("./test/support/platform.ts", import.meta.url)),
      },
    ],
  },
  // Property tests run tens of thousands of cases; on a busy machine with few cores that takes a while.
  test: packageTests({
    testTimeout: 60_000,
  }),
});
