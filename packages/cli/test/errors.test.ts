// Failures as users meet them, against the simulator: one line saying what to check (the API's
// field errors for a 422), exit code 1, and no token in the output.
import { type Simulator, startSimulator } from "@mailtrap-webhooks/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, hangingServer } from "./support/run.js";

let simulator: Simulator;
const mine = "token-of-account-one";

beforeAll(async () => {
  simulator = await startSimulator({
    accounts: [
      { id: 1, tokens: [mine] },
      { id: 2, tokens: ["token-of-account-two"] },
    ],
  });
});
afterAll(() => simulator.close());

const run = (token: string, ...args: string[]) =>
  cli(["--base-url", simulator.url, ...args], { MAILTRAP_API_TOKEN: token });

// Concurrent: no test here creates a webhook, so the 422 test still finds the simulator empty.
describe.concurrent("failures", () => {
  it("401: check the token", async () => {
    const ran = await run("not-a-token-of-anyone", "list");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      "error: Mailtrap answered 401: Incorrect API token. Check MAILTRAP_API_TOKEN (or --token).\n",
    );
  });

  it("403: check the account", async () => {
    const ran = await run(mine, "--account", "2", "list");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^error: Mailtrap answered 403: Account access forbidden\. .*--account/);
    expect(ran.stderr).not.toContain(mine);
  });

  it("404: check the id", async () => {
    const ran = await run(mine, "get", "999999");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^error: Mailtrap answered 404: Not Found\. Check the webhook id/);
  });

  it("404 without an id: check --base-url (and --account), not an id there is none of", async () => {
    // A base URL ending in /api doubles the path: the collection itself is not found.
    const wrong = (...args: string[]) =>
      cli(["--base-url", `${simulator.url}/api`, ...args], { MAILTRAP_API_TOKEN: mine });
    const list = await wrong("list");
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/^error: Mailtrap answered 404\b.*\. Check --base-url \(/);
    expect(list.stderr).not.toMatch(/webhook id|--account/);
    const account = await wrong("--account", "1", "list");
    expect(account.stderr).toMatch(/Check --base-url .* and --account/);
  });

  it("--timeout-ms bounds each API request, and advice names the CLI's flags, not the client's options", async () => {
    const hung = await hangingServer();
    try {
      const started = Date.now();
      const ran = await cli(["--base-url", hung.url, "--timeout-ms", "200", "list"], {
        MAILTRAP_API_TOKEN: mine,
      });
      expect(ran.code).toBe(1);
      // Three attempts of 200 ms and the waits between them, not three of the default 30 s.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(ran.stderr.trim().split("\n").at(-1)).toMatch(/^error: .*--timeout-ms/);
      expect(ran.stderr).not.toMatch(/timeoutMs|baseUrl/);
    } finally {
      await hung.close();
    }
    const zero = await run(mine, "--timeout-ms", "0", "list");
    expect(zero.stderr).toBe(
      'error: --timeout-ms must be a whole number of milliseconds from 1 to 2147483647, got "0".\n',
    );
  });

  it("422: the API's field errors, one line each", async () => {
    const ran = await run(mine, "create", "--url", "https://example.com/h", "--type", "email_sending");
    expect(ran.code).toBe(1);
    const [first, ...fields] = ran.stderr.trimEnd().split("\n");
    expect(first).toBe("error: Mailtrap refused the request (422):");
    expect(fields).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ {2}sending_stream: can't be blank/)]),
    );
    expect(fields).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ {2}event_types: can't be blank/)]),
    );
    expect(simulator.webhooks()).toEqual([]);
  });
});
