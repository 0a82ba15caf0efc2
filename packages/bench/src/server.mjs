// The fake Mailtrap API, run in its own process (child_process.fork) so its work does not
// share the client's event loop. Answers the five webhook operations in both path forms
// (token- and account-scoped) with fixed JSON bodies taken from the spec's examples, on
// 127.0.0.1 and a port the OS picks, which it reports to the parent over IPC. It stops
// when told to, when the parent goes away, or after a cap.
import { createServer } from "node:http";
import { apiRoutes, route } from "./fixtures.mjs";

const MAX_LIFETIME_MS = Number(process.env.BENCH_SERVER_MAX_MS ?? 6 * 60_000);
const routes = apiRoutes();
const headersFor = (/** @type {string} */ body) => ({
  "content-type": "application/json; charset=utf-8",
  "content-length": String(Buffer.byteLength(body)),
});
const server = createServer((req, res) => {
  const body = route(routes, req.method, req.url ?? "/");
  // Read (and drop) any request body before answering, as a real server would.
  req.resume();
  req.on("end", () => {
    if (body === undefined) {
      const notFound = '{"error":"Not Found"}';
      res.writeHead(404, headersFor(notFound)).end(notFound);
      return;
    }
    res.writeHead(200, headersFor(body)).end(body);
  });
});
server.keepAliveTimeout = 30_000;

function stop() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.send?.({ type: "listening", port });
});
process.on("message", (message) => {
  const m = /** @type {{ type?: string }} */ (message);
  if (m?.type === "stop") stop();
});
process.on("disconnect", stop);
setTimeout(stop, MAX_LIFETIME_MS).unref();
