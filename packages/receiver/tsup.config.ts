import { defineConfig, type Options } from "tsup";
import { library } from "../../tsup.preset.mjs";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

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

export default defineConfig(
  library({
    entry: {
      index: "src/index.ts",
      node: "src/node.ts",
      fastify: "src/fastify.ts",
      "platform/node": "src/platform/node.ts",
      "platform/web": "src/platform/web.ts",
    },
    dts: { entry: { index: "src/index.ts", node: "src/node.ts", fastify: "src/fastify.ts" } },
    // CJS too: the entries then share one copy of the core and the error classes, so an error
    // thrown in /node is `instanceof` the class required from the main entry.
    splitting: true,
    esbuildPlugins: [platformByCondition],
  }),
);
