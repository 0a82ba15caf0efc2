// Failures as users meet them, against the simulator: one line saying what to check (the API's
// field errors for a 422), exit code 1, and no token in the output.
import { type Simulator, startSimulator } from "@mailtrap-webhooks/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./support/run.js";

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
