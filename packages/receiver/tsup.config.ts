import type { Plugin } from "esbuild";
import { defineConfig } from "tsup";

// The sources import the platform as ./platform/current.js (Web Crypto, so the main entry
// type-checks with web standards alone). In the build that import becomes `#platform`, which
// package.json's `imports` maps by condition: `node` gets dist/platform/node.*, every other
// runtime (and bundler target) dist/platform/web.*.
const platformByCondition: Plugin = {
  name: "platform-by-condition",
  setup(build) {
    build.onResolve({ filter: /\/platform\/current\.js$/ }, () => ({ path: "#platform", external: true }));
  },
};

export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    fastify: "src/fastify.ts",
    "platform/node": "src/platform/node.ts",
    "platform/web": "src/platform/web.ts",
  },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts", node: "src/node.ts", fastify: "src/fastify.ts" } },
  esbuildPlugins: [platformByCondition],
  clean: true,
  sourcemap: false,
  target: "es2022",
});
