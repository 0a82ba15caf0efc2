// One convention for the package's errors: a base class, InvalidArgumentError naming the field,
// ListenError and ConnectionError carrying the system code.
import { once } from "node:events";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import {
  ConnectionError,
  deliverTestEvents,
  InvalidArgumentError,
  ListenError,
  MailtrapMockError,
  startSimulator,
} from "../src/index.js";

describe("the mock's errors", () => {
  it("a bad argument is an InvalidArgumentError naming its field", async () => {
    const error = await deliverTestEvents({
      url: "http://127.0.0.1:1/",
      secret: "s",
      kind: "inbound",
      format: "jsonlines",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(MailtrapMockError);
    expect((error as InvalidArgumentError).field).toBe("format");
    await expect(startSimulator({ timeScale: -1 })).rejects.toMatchObject({ field: "timeScale" });
  });

  it("a taken port is a ListenError with the system code", async () => {
    const taken = createServer().listen(0, "127.0.0.1");
    await once(taken, "listening");
    const { port } = taken.address() as { port: number };
    try {
      const error = await startSimulator({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ListenError);
      expect(error).toBeInstanceOf(MailtrapMockError);
      expect((error as ListenError).code).toBe("EADDRINUSE");
    } finally {
      taken.close();
    }
  });

  it("an unreachable receiver is a ConnectionError with the system code", async () => {
    const probe = createServer().listen(0, "127.0.0.1");
    await once(probe, "listening");
    const { port } = probe.address() as { port: number };
    probe.close();
    await once(probe, "close");
    const error = await deliverTestEvents({ url: `http://127.0.0.1:${port}/`, secret: "s" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(MailtrapMockError);
    expect((error as ConnectionError).code).toBe("ECONNREFUSED");
  });
});
