// Copies turbo's cached generation (.generated/openapi.ts) over the committed
// src/generated/openapi.ts. Runs on every `pnpm generate`, cache hit or not, so the committed
// file always follows the spec; it rewrites the file only when the content differs.
import { readFileSync, writeFileSync } from "node:fs";

const cached = new URL("../.generated/openapi.ts", import.meta.url);
const committed = new URL("../src/generated/openapi.ts", import.meta.url);

const fresh = readFileSync(cached, "utf8");
let current = "";
try {
  current = readFileSync(committed, "utf8");
} catch {
  // First generation in a checkout without the file.
}
if (current === fresh) {
  console.log("src/generated/openapi.ts is up to date.");
} else {
  writeFileSync(committed, fresh);
  console.log("Updated src/generated/openapi.ts from the spec.");
}
