// The example of the README's "Ask the mock for an error status", compiled by the package's
// type check and run by test/readme/readme.test.ts.
import { createWebhooksClient, RateLimitError, UnexpectedStatusError } from "@mailtrap-webhooks/client";
import { startMockServer } from "@mailtrap-webhooks/mock";

const mock = await startMockServer();

// A fetch that adds Prism's Prefer header when one is set, for every call of the client.
let prefer: string | undefined;
const client = createWebhooksClient({
  apiToken: "any",
  baseUrl: mock.url,
  maxRetries: 0,
  fetch: (input, init) => {
    const headers = new Headers(init?.headers);
    if (prefer) headers.set("Prefer", prefer);
    return fetch(input, { ...init, headers });
  },
});

prefer = "code=429"; // a status the spec documents for this operation
const limited = await client.list().catch((error: unknown) => error);
console.log(limited instanceof RateLimitError); // true

prefer = "code=500"; // not documented for list: the mock says so
const undeclared = await client.list().catch((error: unknown) => error);
if (undeclared instanceof UnexpectedStatusError) {
  console.log(undeclared.status, undeclared.body); // 400 { ..., detail: "Prefer: code=500 asks
  // listWebhooks for a 500 answer, but the spec declares only 200, 401, 403, 429 for it. ..." }
}

prefer = undefined;
await mock.close();

// end of the README example

export { limited, undeclared };
