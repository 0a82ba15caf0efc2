import { once } from "node:events";
import { createServer, request as httpRequest, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandler } from "../../src/handler.js";
import { type NodeRequest, toNodeListener } from "../../src/node.js";
import type { ParsedEvent } from "../../src/parse.js";
import { createTestDelivery } from "../../src/testing.js";
import { knownAnswer, otherSecret } from "../fixtures.js";
import { example } from "../spec.js";

const { secret } = knownAnswer;
const events = [example("DeliveryEvent"), example("SoftBounceEvent")];
let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server?.closeAllConnections();
  if (server) await once(server, "close");
  server = undefined;
});

async function listen(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mailtrap`;
}

function receiver(maxBodyBytes?: number) {
  const received: ParsedEvent[][] = [];
  const handler = createWebhookHandler({
    secret,
    maxBodyBytes,
    onEvents: (batch) => {
      received.push(batch);
    },
  });
  return { listener: toNodeListener(handler), received };
}

// What express.raw() does: read the whole body into a Buffer on req.body, then call next.
function rawBodyFirst(listener: ReturnType<typeof toNodeListener>): RequestListener {
  return async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    Object.assign(req, { body: Buffer.concat(chunks) });
    listener(req as NodeRequest, res);
  };
}

describe("toNodeListener on a real node:http server", () => {
  it.each(["json", "jsonlines"] as const)(
    "answers 200 for a signed %s delivery streamed from the socket",
    async (format) => {
      const { listener, received } = receiver();
      const url = await listen(listener);
      const response = await fetch(await createTestDelivery(events, { secret, format, url }));
      expect(response.status).toBe(200);
      expect(received.map((batch) => batch.map((item) => item.event))).toEqual([events]);
    },
  );

  it("answers 401 for a delivery signed with another secret", async () => {
    const { listener, received } = receiver();
    const url = await listen(listener);
    const response = await fetch(await createTestDelivery(events, { secret: otherSecret, url }));
    expect(response.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it("works when express.raw() already read the body into a Buffer", async () => {
    const { listener, received } = receiver();
    const url = await listen(rawBodyFirst(listener));
    const response = await fetch(await createTestDelivery(events, { secret, format: "jsonlines", url }));
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it("passes an already-parsed body to next() with advice, instead of failing the signature", async () => {
    const { listener } = receiver();
    const next = vi.fn();
    const url = await listen((req, res) => {
      req.resume();
      req.on("end", () => {
        Object.assign(req, { body: { events } });
        listener(req as NodeRequest, res, (error) => {
          next(error);
          res.statusCode = 500;
          res.end();
        });
      });
    });
    const response = await fetch(await createTestDelivery(events, { secret, url }));
    expect(response.status).toBe(500);
    expect(String(next.mock.calls[0]?.[0])).toContain("express.raw");
  });

  it("answers 413 to a chunked body over the limit and the answer reaches the sender", async () => {
    const { listener, received } = receiver(64 * 1024);
    const url = new URL(await listen(listener));
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", "mailtrap-signature": "0".repeat(64) },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let written = 0;
      const pump = () => {
        while (written < 64 && req.write(chunk)) written++;
        if (written < 64) req.once("drain", pump);
        else req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(received).toHaveLength(0);
  });
});
