// Runs before tsup: empties dist/ (two tsup configs write into it, so neither may clean
// it) and ships the spec inside the package, so the mock serves exactly the document the
// types were generated from, also when installed from the registry.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
const source = new URL("../../../spec/mailtrap-webhooks.openapi.yaml", import.meta.url);
const target = new URL("../spec/mailtrap-webhooks.openapi.yaml", import.meta.url);
mkdirSync(new URL(".", target), { recursive: true });
copyFileSync(source, target);
