import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { exampleEvents } from "../../src/spec.js";
import { cliRunner, waitFor } from "../support/cli.js";
import { receiver } from "./support.js";

// As users run it: the built CLI in a child process.
const run = cliRunner();

describe("mailtrap-webhooks-mock simulate", () => {
  it("serves the simulator, prints one line per delivery attempt and exits on SIGTERM", async () => {
    const { child, output } = run(["simulate", "--port", "0", "--time-scale", "0.00001"]);
    const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(output())?.[1], "the URL");
    const target = await receiver([500, 200]);
    const created = await fetch(`${url}/api/webhooks`, {
      method: "POST",
      headers: { "api-token": "cli-token", "content-type": "application/json" },
      body: JSON.stringify({ webhook: { url: `${target.url}?token=hidden`, webhook_type: "audit_log" } }),
    });
    const { data } = (await created.json()) as { data: { signing_secret: string } };
    await fetch(`${url}/simulator/emit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ events: exampleEvents("audit_log") }),
    });
    const lines = await waitFor(() => {
      const attempts = output()
        .split("\n")
        .filter((line) => line.startsWith("batch "));
      return attempts.length === 2 ? attempts : undefined;
    }, "two attempt lines");
    const events = exampleEvents("audit_log").length;
    const path = new URL(target.url).pathname;
    expect(lines[0]).toMatch(
      new RegExp(
        `^batch 1 \\(${events} events?\\) → webhook 1 http://127\\.0\\.0\\.1:\\d+${path} attempt 1/41: HTTP 500, retry in 3 ms$`,
      ),
    );
    expect(lines[1]).toMatch(/attempt 2\/41: HTTP 200, delivered$/);
    // Neither the secret nor the URL's query reaches the log.
    expect(output()).not.toContain(data.signing_secret);
    expect(output()).not.toContain("hidden");

    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  });

  it("refuses a time scale that is not a number", async () => {
    const { child, output } = run(["simulate", "--time-scale", "fast"]);
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(output()).toContain('--time-scale must be a number ≥ 0, got "fast"');
  });
});
