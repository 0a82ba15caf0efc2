// One webhook receiver: `node receiver-server.mjs <kind> <secret> <path>`. Every kind checks the
// signature (401 when wrong) and parses the whole body, JSON or JSON Lines.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import express from "express";
import { Hono } from "hono";
import { verifyWebhookSignature } from "mailtrap";
import { serve } from "./processes.mjs";

const [, , kind = "", secret = "", path = "/"] = process.argv;

/** What a hand-written receiver does with the text. @param {string} text @param {string | undefined} type */
function parse(text, type) {
  if (type === "application/json") return JSON.parse(text).events;
  return text.split("\n").flatMap((line) => (line === "" ? [] : [JSON.parse(line)]));
}

/** The hand-written check: HMAC of the raw bytes against the hex header, in constant time. */
function signed(/** @type {Buffer} */ body, /** @type {unknown} */ signature) {
  const expected =
    typeof signature === "string" && /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, "hex") : null;
  return expected !== null && timingSafeEqual(createHmac("sha256", secret).update(body).digest(), expected);
}

/** @type {Record<string, () => import("node:http").Server>} */
const kinds = {
  // Ours, as the receiver's README shows it for node:http.
  "ours-node": () => createServer(toNodeListener(createWebhookHandler({ secret, onEvents: () => {} }))),
  "hand-node": () =>
    createServer((req, res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      req.on("data", (chunk) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        if (!signed(body, req.headers["mailtrap-signature"])) return res.writeHead(401).end("Unauthorized");
        parse(body.toString("utf8"), req.headers["content-type"]);
        res.end("OK");
      });
    }),
  "express-official": () => {
    const app = express();
    app.post(path, express.raw({ type: "*/*", limit: "5mb" }), (req, res) => {
      if (!verifyWebhookSignature(req.body, String(req.headers["mailtrap-signature"] ?? ""), secret)) {
        res.status(401).send("Unauthorized");
        return;
      }
      parse(req.body.toString("utf8"), req.headers["content-type"]);
      res.send("OK");
    });
    return createServer(app);
  },
  // Ours: the Fetch handler, under @hono/node-server.
  "ours-hono": () => {
    const handler = createWebhookHandler({ secret, onEvents: () => {} });
    const app = new Hono().post(path, (c) => handler(c.req.raw));
    return /** @type {import("node:http").Server} */ (createAdaptorServer({ fetch: app.fetch }));
  },
  "hand-hono": () => {
    const app = new Hono().post(path, async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      if (!signed(body, c.req.header("mailtrap-signature"))) return c.text("Unauthorized", 401);
      parse(body.toString("utf8"), c.req.header("content-type"));
      return c.text("OK");
    });
    return /** @type {import("node:http").Server} */ (createAdaptorServer({ fetch: app.fetch }));
  },
};

const make = kinds[kind];
if (!make) throw new Error(`Unknown receiver kind ${kind}`);
serve(make());
