import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  // scripts/copy-spec.mjs has already put the spec into dist/.
  clean: false,
  shims: true,
  target: "node20",
});
