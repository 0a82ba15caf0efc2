// Runs before tsup: empties dist/, because two tsup configs write into it, so neither may clean it.
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
