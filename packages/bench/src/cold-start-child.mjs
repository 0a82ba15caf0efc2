// One cold start: `node cold-start-child.mjs [package] <fetch|ours|mailtrap> [exit|liftoff] <baseUrl>`.
// The clock starts on the first line, before any import; the client is imported, constructed and
// makes its first list call. Prints the timings as JSON on exit; `exit` calls process.exit();
// `package` first imports a one-module package, to show what importing any package costs.
const start = performance.now();
const args = process.argv.slice(2);
if (args[0] === "package") {
  args.shift();
  await import("@mailtrap-webhooks/types");
}
const [kind, variant, baseUrl = variant] = args;
const TOKEN = "0123456789abcdef0123456789abcdef";

/** @type {Record<string, () => Promise<unknown[]>>} */
const firstList = {
  async fetch() {
    const res = await fetch(`${baseUrl}/api/accounts/1/webhooks`, {
      headers: { accept: "application/json", "api-token": TOKEN },
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()).data;
  },
  async ours() {
    const { createWebhooksClient } = await import("@mailtrap-webhooks/client");
    return createWebhooksClient({ apiToken: TOKEN, accountId: 1, baseUrl }).list();
  },
  async mailtrap() {
    const { MailtrapClient } = await import("mailtrap");
    const client = new MailtrapClient({ token: TOKEN, accountId: 1 });
    // Its Webhooks resource requests absolute https://mailtrap.io URLs, which axios's baseURL
    // cannot redirect; an interceptor on its (TypeScript-private) axios swaps the origin.
    /** @type {{ interceptors: { request: { use(f: (c: { url?: string }) => { url?: string }): void } } }} */
    const axios = /** @type {any} */ (client).axios;
    axios.interceptors.request.use((config) => {
      config.url = config.url?.replace("https://mailtrap.io", /** @type {string} */ (baseUrl));
      return config;
    });
    return /** @type {{ data: unknown[] }} */ (await client.webhooks.getList()).data;
  },
};

const run = firstList[kind ?? ""];
if (!run) throw new Error(`Unknown contender ${kind}`);
const webhooks = await run();
const answered = performance.now();
process.on("exit", () => {
  // inProcess: first line to answer; exitDelay: answer to the exit event (nothing left to run).
  const exitDelay = performance.now() - answered;
  process.stdout.write(JSON.stringify({ webhooks: webhooks.length, inProcess: answered - start, exitDelay }));
});
if (variant === "exit") process.exit();
