// A delivery with a wrong signature costs the HMAC and nothing else: its chunks are never
// joined into one body and never parsed, on the Fetch and node:http paths.
import { once } from "node:events";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandler } from "../../src/handler.js";
import { toNodeListener } from "../../src/node.js";
import { serializeEvents, signPayload } from "../../src/testing.js";
import { knownAnswer } from "../fixtures.js";
import { example } from "../spec.js";
import { platform } from "../support/platform.js";

const { secret } = knownAnswer;
// Many events, so the body crosses the wire in several chunks.
const body = serializeEvents(
  Array.from({ length: 2000 }, () => example("DeliveryEvent")),
  "json",
);
let wholeBodyBuilt = 0;
// How often JSON.parse read the delivery's body or a piece of it (parse.ts takes a large JSON
// body in pieces): watched on the global, so the test needs no module replaced and runs
// beside the other test files in one worker.
let bodyParses = 0;
const isPartOfBody = (text: unknown) =>
  typeof text === "string" && (text === body || (text.length > 2 && body.includes(text.slice(1, -1))));

beforeEach(() => {
  wholeBodyBuilt = 0;
  bodyParses = 0;
  const parse = JSON.parse;
  vi.spyOn(JSON, "parse").mockImplementation((text, reviver) => {
    if (isPartOfBody(text)) bodyParses++;
    return parse(text, reviver);
  });
  // Counts every time the core asks for the joined body to check the MAC.
  const startMac = platform.startMac;
  vi.spyOn(platform, "startMac").mockImplementation((secrets) => {
    const mac = startMac(secrets);
    return {
      update: (chunk) => mac.update(chunk),
      matches: (expected, whole) =>
        mac.matches(expected, () => {
          wholeBodyBuilt++;
          return whole();
        }),
    };
  });
});
afterEach(() => vi.restoreAllMocks());

const handler = createWebhookHandler({ secret, onEvents: () => {} });

function chunked(signature: string): Request {
  const bytes = new TextEncoder().encode(body);
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 16 * 1024));
      offset += 16 * 1024;
    },
  });
  return new Request("http://localhost/hooks", {
    method: "POST",
    headers: { "content-type": "application/json", "mailtrap-signature": signature },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

describe("a wrong signature", () => {
  it("is answered 401 by the Fetch handler without joining the chunks or parsing", async () => {
    expect((await handler(chunked("0".repeat(64)))).status).toBe(401);
    expect(bodyParses).toBe(0);
    expect(wholeBodyBuilt).toBe(0);
    // The same body, signed: parsed (the spy is live).
    expect((await handler(chunked(await signPayload(body, secret)))).status).toBe(200);
    expect(bodyParses).toBeGreaterThan(0);
  });

  describe("on node:http", () => {
    let server: Server;
    beforeEach(async () => {
      server = createServer(toNodeListener(handler)).listen(0, "127.0.0.1");
      await once(server, "listening");
    });
    afterEach(async () => {
      server.close();
      server.closeAllConnections();
      await once(server, "close");
    });

    const post = (signature: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = server.address() as AddressInfo;
        const req = httpRequest({
          host: "127.0.0.1",
          port,
          method: "POST",
          headers: { "content-type": "application/json", "mailtrap-signature": signature },
        });
        req.on("response", (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end(body);
      });

    it("is answered 401 without joining the chunks or parsing", async () => {
      expect(await post("f".repeat(64))).toBe(401);
      expect(bodyParses).toBe(0);
      expect(wholeBodyBuilt).toBe(0);
      expect(await post(await signPayload(body, secret))).toBe(200);
      expect(bodyParses).toBeGreaterThan(0);
    });
  });
});
