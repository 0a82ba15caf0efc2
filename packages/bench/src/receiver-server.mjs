// One webhook receiver, run in its own process (child_process.fork) so the client's work does
// not share its event loop. `node receiver-server.mjs <kind> <secret> <path>`; it reports its port over IPC,
// answers `{ type: "memory" }` with its peak RSS, and stops when told, when the parent goes
// away, or after a cap. Every kind checks the signature and parses the body.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import express from "express";
import { Hono } from "hono";
import { verifyWebhookSignature } from "mailtrap";

const [, , kind = "", SECRET = "", PATH = "/"] = process.argv;
const MAX_LIFETIME_MS = Number(process.env.BENCH_SERVER_MAX_MS ?? 10 * 60_000);

/** What a hand-written receiver does with the text: JSON, or JSON Lines one line at a time. @param {string} text @param {string | undefined} type */
function parse(text, type) {
  if (type === "application/json") return JSON.parse(text).events.length;
  let count = 0;
  for (const line of text.split("\n")) if (line !== "") count += JSON.parse(line) ? 1 : 0;
  return count;
}

/** Constant-time check of a hex signature against an HMAC digest. @param {Buffer} digest @param {unknown} signature */
function matches(digest, signature) {
  if (typeof signature !== "string" || signature.length !== 64) return false;
  const expected = Buffer.from(signature, "hex");
  return expected.length === 32 && timingSafeEqual(digest, expected);
}

const ok = { "content-type": "text/plain; charset=utf-8" };

/** @type {Record<string, () => import("node:http").Server>} */
const kinds = {
  // Ours, as the README documents it for node:http.
  "ours-node": () =>
    createServer(toNodeListener(createWebhookHandler({ secret: SECRET, onEvents: () => {} }))),
  // Minimal hand-written node:http: collect the bytes, createHmac, timingSafeEqual, JSON.parse.
  "hand-node": () =>
    createServer((req, res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      req.on("data", (chunk) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const digest = createHmac("sha256", SECRET).update(body).digest();
        if (!matches(digest, req.headers["mailtrap-signature"])) {
          res.writeHead(401, ok).end("Unauthorized");
          return;
        }
        parse(body.toString("utf8"), req.headers["content-type"]);
        res.writeHead(200, ok).end("OK");
      });
    }),
  // Express + express.raw() + the official client's verifyWebhookSignature + JSON.parse.
  "express-official": () => {
    const app = express();
    app.post(PATH, express.raw({ type: "*/*", limit: "5mb" }), (req, res) => {
      const signature = String(req.headers["mailtrap-signature"] ?? "");
      if (!verifyWebhookSignature(req.body, signature, SECRET)) {
        res.status(401).type("text/plain").send("Unauthorized");
        return;
      }
      parse(req.body.toString("utf8"), req.headers["content-type"]);
      res.type("text/plain").send("OK");
    });
    return createServer(app);
  },
  // Ours, the Fetch handler under @hono/node-server.
  "ours-hono": () => {
    const handler = createWebhookHandler({ secret: SECRET, onEvents: () => {} });
    const app = new Hono();
    app.post(PATH, (c) => handler(c.req.raw));
    return /** @type {import("node:http").Server} */ (createAdaptorServer({ fetch: app.fetch }));
  },
  // Minimal Hono: arrayBuffer, createHmac, timingSafeEqual, JSON.parse.
  "hand-hono": () => {
    const app = new Hono();
    app.post(PATH, async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      const digest = createHmac("sha256", SECRET).update(body).digest();
      if (!matches(digest, c.req.header("mailtrap-signature"))) return c.text("Unauthorized", 401);
      parse(body.toString("utf8"), c.req.header("content-type"));
      return c.text("OK");
    });
    return /** @type {import("node:http").Server} */ (createAdaptorServer({ fetch: app.fetch }));
  },
};

const make = kinds[kind];
if (make && process.send) {
  const server = make();
  server.keepAliveTimeout = 30_000;
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  const listening = () => {
    const address = server.address();
    process.send?.({ type: "listening", port: typeof address === "object" && address ? address.port : 0 });
  };
  server.listen(0, "127.0.0.1", listening);
  process.on("message", (message) => {
    const m = /** @type {{ type?: string }} */ (message);
    if (m?.type === "stop") stop();
    // maxRSS is in KiB: the process's peak resident memory so far.
    if (m?.type === "memory") {
      process.send?.({
        type: "memory",
        rss: process.memoryUsage.rss(),
        maxRss: process.resourceUsage().maxRSS * 1024,
      });
    }
  });
  process.on("disconnect", stop);
  setTimeout(stop, MAX_LIFETIME_MS).unref();
}
