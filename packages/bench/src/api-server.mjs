// A fake Mailtrap API answering every operation of the spec with its own example (fixtures.mjs).
import { createServer } from "node:http";
import { apiRoutes, route } from "./fixtures.mjs";
import { serve } from "./processes.mjs";

const routes = apiRoutes();
serve(
  createServer((req, res) => {
    const found = route(routes, req.method, req.url ?? "/");
    const body = found ?? '{"error":"Not Found"}';
    // Read the request body before answering, as a real server would.
    req.resume().on("end", () => {
      res.writeHead(found ? 200 : 404, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    });
  }),
);
