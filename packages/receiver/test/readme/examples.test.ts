import { readdirSync, readFileSync } from "node:fs";
import { exampleEvents } from "@mailtrap-webhooks/spec";
import type { InboundEvent, SendingEvent } from "@mailtrap-webhooks/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTestDelivery } from "../../src/testing.js";
import { knownAnswer } from "../fixtures.js";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const exampleDir = new URL("examples/", root);
const exampleFiles = readdirSync(exampleDir).filter((name) => name.endsWith(".ts"));
const examples = exampleFiles.map((name) => ({
  name,
  text: readFileSync(new URL(name, exampleDir), "utf8"),
}));
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

describe("README code blocks", () => {
  it("has the framework recipes", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(12);
    for (const name of [
      "express",
      "fastify",
      "hono",
      "koa",
      "nest",
      "node-http",
      "next-route",
      "bun",
      "deno",
    ]) {
      const file = examples.find((example) => example.name === `${name}.ts`);
      expect(
        blocks.some((block) => file?.text.includes(block)),
        name,
      ).toBe(true);
    }
  });

  // A whole recipe: its imports included, and every other name it uses is imported or
  // declared inside it, runtime globals such as Bun and Deno aside (the type-check below
  // would fail on anything else).
  it.each(blocks.map((block) => [block.split("\n", 1)[0], block]))(
    "block %s starts with its imports",
    (_first, block) => {
      expect(block.startsWith("import ")).toBe(true);
    },
  );

  it.each(
    blocks.map((block) => [
      block.split("\n").find((line) => line.trim() !== "" && !line.startsWith("import")) ?? "",
      block,
    ]),
  )("block starting %s appears verbatim in an example file", (_first, block) => {
    expect(examples.some(({ text }) => text.includes(block))).toBe(true);
  });
});

// The examples are type-checked with the package (its tsconfig includes examples/); here they run.
describe("examples", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("the Next.js route and the testing recipe handle a signed delivery", async () => {
    vi.stubEnv("MAILTRAP_WEBHOOK_SECRET", knownAnswer.secret);
    const { deliverBounce } = await import("../../examples/testing.js");
    const { suppressed } = await import("../../examples/app.js");
    expect(await deliverBounce(knownAnswer.secret)).toBe(200);
    expect(suppressed).toEqual(["nobody@example.org (bounce)"]);
    expect(await deliverBounce("0".repeat(32))).toBe(401);
  });

  it("the worker recipe makes its handler from the first request's env", async () => {
    const { default: worker } = await import("../../examples/worker.js");
    const env = { MAILTRAP_WEBHOOK_SECRET: knownAnswer.secret };
    const events = exampleEvents("sending") as SendingEvent[];
    const delivery = () => createTestDelivery(events, { secret: knownAnswer.secret });
    expect((await worker.fetch(await delivery(), env)).status).toBe(200);
    expect((await worker.fetch(await delivery(), env)).status).toBe(200);
  });

  it("the inbound recipe fetches the message each inbound event announces", async () => {
    vi.stubEnv("MAILTRAP_INBOUND_WEBHOOK_SECRET", knownAnswer.secret);
    const { receiveInbound } = await import("../../examples/inbound.js");
    const { fetched } = await import("../../examples/app.js");
    const events = exampleEvents("inbound") as InboundEvent[];
    const request = await createTestDelivery(events, { secret: knownAnswer.secret });
    expect((await receiveInbound(request)).status).toBe(200);
    expect(fetched).toEqual(events.map((event) => `${event.inbox_id}/${event.message_id}`));
  });
});
