import { defineConfig } from "tsup";
import { define } from "./build-constants.js";

export default defineConfig({
  entry: ["src/index.ts", "src/raw.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: false,
  target: "es2022",
  // CJS too, so both entries share one copy of the error classes (instanceof works across them).
  splitting: true,
  define,
});
