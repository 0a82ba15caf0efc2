import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

// In a fresh process, as a user would: starts something from a built entry, then counts the
// Prism modules Node has loaded (Prism is CommonJS, so they all land in require.cache).
async function prismModulesAfter(
  entry: string,
  start: "startSimulator" | "startMockServer",
): Promise<number> {
  const script = `
    import { createRequire } from "node:module";
    const entry = await import(${JSON.stringify(entry)});
    const server = await entry.${start}();
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes("@stoplight"));
    await server.close();
    console.log(loaded.length);`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script]);
  return Number(stdout.trim());
}

// Concurrent: each check is a fresh process of its own.
describe.concurrent("starting the simulator does not load Prism", () => {
  it.each(["index.js", "simulator.js", "index.cjs", "simulator.cjs"])("from dist/%s", async (file) => {
    expect(await prismModulesAfter(dist(file), "startSimulator")).toBe(0);
  });

  it("while the Prism mock does load it (so the count above can tell)", async () => {
    expect(await prismModulesAfter(dist("index.js"), "startMockServer")).toBeGreaterThan(0);
  });
});
