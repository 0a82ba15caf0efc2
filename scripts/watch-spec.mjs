// `pnpm generate:watch`: regenerate the types on every save of a file under spec/.
// Runs through turbo so an unchanged spec is a cache hit; saves that land while a
// run is in progress are folded into one follow-up run.
import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const specDir = fileURLToPath(new URL("../spec", import.meta.url));
let running = false;
let pending = false;
let timer;

function regenerate() {
  if (running) {
    pending = true;
    return;
  }
  running = true;
  const child = spawn("pnpm", ["exec", "turbo", "run", "sync-generated", "--output-logs=new-only"], {
    cwd: root,
    stdio: "inherit",
  });
  child.on("exit", (code) => {
    running = false;
    console.log(code === 0 ? "[watch] types are up to date" : `[watch] generate failed (exit ${code})`);
    if (pending) {
      pending = false;
      regenerate();
    }
  });
}

watch(specDir, { recursive: true }, () => {
  clearTimeout(timer);
  timer = setTimeout(regenerate, 150);
});
console.log(`[watch] watching ${specDir}; press Ctrl+C to stop`);
regenerate();
