// The notes section of BENCHMARKS.md: method caveats, and for each missed target, why, with
// the fix that belongs in the client or receiver. Figures come from this run's results;
// the profile findings were taken with src/profile-client.mjs under `node --cpu-prof`.
import { CONCURRENCY } from "./client-bench.mjs";
import { LIMITS } from "./targets.mjs";

const x = (/** @type {number | undefined} */ v) => (v === undefined ? "?" : `${v.toFixed(2)}×`);
const us = (/** @type {number | undefined} */ v) => (v === undefined ? "?" : `${v.toFixed(1)} µs`);
const kb = (/** @type {number | undefined} */ b) => (b === undefined ? "?" : `${(b / 1000).toFixed(2)} kB`);

/** @param {any} r @returns {string[]} */
export function notes(r) {
  const out = [];
  const missed = new Set(
    r.targets
      .filter((/** @type {{ met: boolean }} */ t) => !t.met)
      .map((/** @type {{ id: string }} */ t) => t.id),
  );
  const m = r.meta;
  out.push(
    `- **Noise.** This is a shared 2-core machine: other engineers' builds and test runs compete with the bench (1-minute load average ${m.load?.[0]?.toFixed(2) ?? "?"} at the start, ${m.load?.[1]?.toFixed(2) ?? "?"} at the end), and the client section's server takes one core itself. Hence the wide min–max ranges, the many short interleaved rounds and the per-round paired ratios. Treat differences under about 0.1× as noise.`,
    "- **Official client base URL.** `mailtrap`'s Webhooks resource builds absolute `https://mailtrap.io/api/accounts/…` URLs from a module constant read at load time, so axios's `baseURL` is ignored (absolute URLs win) and no option changes it. The bench adds one synchronous request interceptor to the client's own axios instance that swaps the origin for the local server's; everything else (its keep-alive agents, headers, response interceptor) runs unchanged.",
    "- **Equal work.** Every client sends the same requests (same paths, methods and JSON bodies), reads and parses the whole JSON answer and returns its `data`; a check before timing makes sure each one returns the same webhooks.",
  );

  const seq = r.client?.sequential?.clients;
  const conc = r.client?.concurrent?.clients;
  const stub = r.clientStub?.clients;
  if (seq && (missed.has("client-vs-fetch-sequential") || missed.has("client-vs-fetch-concurrent"))) {
    const stubAdded = stub ? stub.ours.usPerCall.median - stub["openapi-fetch"].usPerCall.median : undefined;
    out.push(
      `- **Missed: client ≤ ${LIMITS.clientVsFetch.toFixed(2)}× bare fetch** (measured ${x(seq.ours.ratio.median)} sequential, ${x(conc?.ours.ratio.median)} concurrent). Most of the gap is the layer the client is built on, not the client: raw openapi-fetch alone is ${x(seq["openapi-fetch"].ratio.median)} (${x(conc?.["openapi-fetch"].ratio.median)} concurrent). openapi-fetch builds a \`new Request(url, init)\` and hands it to fetch, and undici's \`fetch(request)\` builds a second Request from it; every undici Request creates its own AbortController and, when given a signal, listens to it, and on Node 20 every AbortSignal is created through the slow \`makeTransferable\`. So a call through our client makes three AbortSignals (its timeout controller, openapi-fetch's Request, fetch's copy of it) where bare fetch makes one. The diagnostic rows isolate this: bare fetch plus a per-call timeout controller is ${x(seq["fetch-signal"]?.ratio.median)}, and the same wrapped in \`new Request(…)\` first is ${x(seq["fetch-request"]?.ratio.median)}. With the transport stubbed (1b) our client's own code costs ${us(stubAdded)} per call on top of openapi-fetch; a CPU profile of that loop puts the top self time in \`makeTransferable\`/\`createAbortSignal\` (our per-attempt AbortController, and the one undici's Request makes to follow it), undici's \`_Request\`, openapi-fetch's \`coreFetch\`/\`mergeHeaders\`/path serializer, and \`unwrap()\` → \`scrub()\` with the \`[0-9a-f]{32,}\` regex on every successful body (since fixed, see below).`,
      `  What was done and what was not. Done: \`request.ts\` \`unwrap()\` now builds the scrubbed \`{ status, headers, body }\` only in its error branches, so a 200 no longer runs \`scrub()\` (the profile had put unwrap + scrub at about 7 µs of ~80 µs per stubbed call). Not done, by design: sending the five operations with \`fetch(url, init)\` directly and keeping openapi-fetch only for \`.raw\` would remove one Request, one AbortSignal and openapi-fetch's per-call header merging, but the client is meant to be a thin layer over openapi-fetch (one typed request path, shared with \`.raw\` and its middleware), so the cost of openapi-fetch's Request is accepted and reported here. \`AbortSignal.timeout\`/\`AbortSignal.any\` would not remove a signal either: they create one each. On Node 20's undici any client with a per-attempt timeout signal starts at the \`fetch-signal\` row (${x(seq["fetch-signal"]?.ratio.median)} in this run) and openapi-fetch adds its Request on top (the \`fetch-request\` row).`,
    );
  }
  if (seq && (missed.has("client-vs-official-sequential") || missed.has("client-vs-official-concurrent"))) {
    out.push(
      `- **Missed: throughput ≥ ${LIMITS.clientVsOfficial}× the official client** (measured ${x(r.client.sequential.oursVsOfficial.median)} sequential, ${x(r.client.concurrent.oursVsOfficial.median)} at ${CONCURRENCY} concurrent). The official client is axios on \`node:http\` with a keep-alive agent. Sequentially it takes ${x(seq.mailtrap.ratio.median)} of bare fetch's time per call, but with ${CONCURRENCY} calls in flight the client process is CPU-bound and its per-call CPU decides throughput: there axios + node:http comes to ${x(conc?.mailtrap.ratio.median)} of bare fetch, i.e. the same budget, while our client pays for the double Request and the extra signals (the \`fetch(new Request(…))\` row is ${x(conc?.["fetch-request"]?.ratio.median)} at ${CONCURRENCY} concurrent). With the transport stubbed, the official client's own code costs ${us(stub ? stub.mailtrap.usPerCall.median - stub.fetch.usPerCall.median : undefined)} per call over bare fetch and ours ${us(stub ? stub.ours.usPerCall.median - stub.fetch.usPerCall.median : undefined)}. Only the direct-fetch change described in the previous note would close that gap (a fetch-based client cannot beat axios by 10% while it spends more than bare fetch per call); it was not made, for the reason given there.`,
    );
  }

  const v1 = r.verify?.["1 KB"]?.verifiers;
  if (v1 && missed.has("verify-1kb")) {
    out.push(
      `- **Missed: verifySignature ≤ ${LIMITS.verify1kb}× createHmac at 1 KB** (measured ${x(v1.ours.ratio.median)}; ${us(v1.ours.usPerOp.median)} against ${us(v1.hmac.usPerOp.median)}). At 1 KB the HMAC itself is only a few µs, so fixed costs show. The two found by profiling are fixed in \`packages/receiver/src/verify.ts\`: the hex signature is decoded from char codes instead of 32 × \`slice\` + \`parseInt\` (the diagnostics price the two decodings at ${x(v1["hmac-parseint"]?.ratio.median)} and ${x(v1["hmac-charcode"]?.ratio.median)} of createHmac), and node:crypto is reached synchronously once loaded, without an \`await\`. What remains is the async signature (the caller's \`await\`, part of the API because Web Crypto is async) and the argument checks; on this noisy machine the ratio lands either side of 1.3× from run to run. At 64 KB and 1 MB the HMAC dominates and all node:crypto verifiers are within noise of each other.`,
    );
  }
  if (v1) {
    out.push(
      `- **Web Crypto baseline.** It imports the key on every call (as a plain implementation would); at 1 KB that import is most of its ${us(v1.webcrypto.usPerOp.median)}. Our receiver caches imported keys on its Web Crypto path (used where node:crypto is absent), so this row is not what our package costs on Deno, Bun or Workers.`,
    );
  }

  const pj = r.parse?.json?.ours.ratio.median;
  const pl = r.parse?.jsonlines?.ours.ratio.median;
  if (pj !== undefined) {
    const parseMiss = missed.has("parse-json") || missed.has("parse-jsonlines");
    out.push(
      parseMiss
        ? `- **Missed: parseEvents ≤ ${LIMITS.parse}× JSON.parse** (JSON ${x(pj)}, JSON Lines ${x(pl)}). Beyond JSON.parse, parseEvents strips a BOM, trims each line, and wraps each event in \`{ kind, event }\` after checking its name (\`classify\`). The wrapper object per event is the main cost; a lazy classification (or reusing the event object with a hidden tag) would remove it.`
        : `- **Parsing** stays within the target (JSON ${x(pj)}, JSON Lines ${x(pl)}): the extra over JSON.parse is the \`{ kind, event }\` wrapper per event and the BOM/blank-line handling.`,
    );
  }

  const size = r.size;
  if (size?.client && !size.client.error) {
    const ofetch = size["openapi-fetch"]?.gzipBytes;
    const ownMin = size.client.byPackage?.["@mailtrap-webhooks/client"];
    const text = missed.has("client-size")
      ? `- **Missed: client entry ≤ ${LIMITS.clientKb} kB** (measured ${kb(size.client.gzipBytes)} min+gzip). openapi-fetch alone is ${kb(ofetch)} min+gzip, leaving ~${kb(LIMITS.clientKb * 1000 - (ofetch ?? 0))} for our code, which is ${kb(ownMin)} minified (${kb(size.client.gzipBytes - (ofetch ?? 0))} of the gzip total), mostly the error and validation messages in \`errors.ts\` and \`validate.ts\` and the request loop. Two ways to fit: (a) take openapi-fetch out of the main entry — the direct-fetch change in the client note above, with \`.raw\` moved to a subpath export (e.g. \`@mailtrap-webhooks/client/raw\`) so only users of the escape hatch pay for it; the remaining entry is about the client's own ${kb(size.client.gzipBytes - (ofetch ?? 0))}; or (b) keep openapi-fetch and cut ~${kb(size.client.gzipBytes - LIMITS.clientKb * 1000)} gzip from our code: shorter messages with the detail in the README, and one generic argument checker instead of one per field. Tree-shaking does not help: importing only \`createWebhooksClient\` still pulls in every error class (about 0.2 kB less). Neither was taken: (a) gives up the openapi-fetch core the client is built on, and (b) trades away messages that tell the user what to fix, which matter more to us than 1.2 kB.`
      : `- **Client size** is within budget: ${kb(size.client.gzipBytes)} min+gzip, of which openapi-fetch is ${kb(ofetch)}.`;
    out.push(text);
  }
  if (size?.mock && !size.mock.error) {
    out.push(
      `- **Mock** is node-only and a test tool, not something an app ships: ${kb(size.mock.gzipBytes)} min+gzip (${size.mock.packages.length} packages: Prism, its validators and faker). Reported for completeness, outside any budget.`,
    );
  }
  if (size?.["mailtrap-verify"] && !size["mailtrap-verify"].error) {
    out.push(
      `- **Official client sizes** are bundled for platform node (it imports \`http\`, \`https\` and \`crypto\`; built-ins stay external). Its package index is CommonJS and requires every API module, axios and qs, so even \`{ verifyWebhookSignature }\` alone costs ${kb(size["mailtrap-verify"].gzipBytes)}; the helper's own module is ${kb(size["mailtrap-verify-module"]?.gzipBytes)}, but its exports map does not let users import it directly. Our \`{ verifySignature }\` is ${kb(size["receiver-verify"]?.gzipBytes)} and runs on any runtime.`,
    );
  }
  if (r.codegen) {
    out.push(
      `- **Codegen** timings include pnpm and turbo start-up (about ${(r.codegen.hit.ms.median / 1000).toFixed(2)} s, which is nearly all of a cache hit). A cold run adds openapi-typescript's parse of the spec and the write of \`src/generated/openapi.ts\`.`,
    );
  }
  if (missed.size === 0) out.push("- Every target was met in this run.");
  return out;
}
