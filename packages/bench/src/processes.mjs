// Servers run in processes of their own (child_process.fork), so their work does not share the
// measuring process's event loop. They listen on 127.0.0.1 on a port the OS picks.
import { fork } from "node:child_process";
import { once } from "node:events";

/**
 * Forks `script` and resolves once it reports its port.
 * @param {URL} script @param {string[]} [args]
 */
export async function startServer(script, args = []) {
  const child = fork(script, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`${script.pathname} exited (${code}) before it listened`);
  });
  const [message] = await Promise.race([once(child, "message"), exited]);
  exited.catch(() => {});
  const port = /** @type {{ port: number }} */ (message).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Peak resident memory of the server process so far, in bytes. @returns {Promise<number>} */
    async maxRss() {
      child.send({ type: "memory" });
      const [reply] = await once(child, "message");
      return /** @type {{ maxRss: number }} */ (reply).maxRss;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, "exit");
      child.kill();
      await gone;
    },
  };
}

/**
 * The child's side: listen, report the port, answer memory questions, and stop when the parent
 * goes away (so a crashed bench leaves no server behind).
 * @param {import("node:http").Server} server
 */
export function serve(server) {
  server.keepAliveTimeout = 30_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
  });
  process.on("message", () => {
    // maxRSS is in KiB.
    process.send?.({ maxRss: process.resourceUsage().maxRSS * 1024 });
  });
  process.on("disconnect", () => process.exit(0));
}
