import { rmSync } from "node:fs";
import { defineConfig } from "tsup";
import { library } from "../../tsup.preset.mjs";
import { define } from "./build-constants.js";

// tsup cleans per config, and runs the two below side by side: one would delete the other's
// output. So dist is emptied once, here.
rmSync(new URL("./dist", import.meta.url), { recursive: true, force: true });

export default defineConfig([
  // The main entry is one file that imports nothing: loading the client reads no other module.
  // The spec's table of required fields is data, bundled in (its types stay imported from
  // @mailtrap-webhooks/types).
  library({ entry: ["src/index.ts"], noExternal: ["@mailtrap-webhooks/types"], define, clean: false }),
  // The raw entry carries its own copy of the option checks it shares with the main entry, but
  // takes the error classes from it, so `instanceof InvalidArgumentError` holds across the two.
  library({
    entry: ["src/raw.ts"],
    define,
    clean: false,
    esbuildPlugins: [
      {
        name: "error-classes-from-main-entry",
        setup(build) {
          const main = build.initialOptions.format === "cjs" ? "./index.cjs" : "./index.js";
          build.onResolve({ filter: /^\.\/errors\.js$/ }, () => ({ path: main, external: true }));
        },
      },
    ],
  }),
]);
