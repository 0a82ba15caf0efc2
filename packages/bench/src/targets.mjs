// The targets, checked against measured results. A miss is reported, never hidden.
import { CONCURRENCY } from "./client-bench.mjs";

/** The limits, in one place: ratios, and the client entry's size in kB. */
export const LIMITS = {
  clientVsFetch: 1.1,
  clientVsOfficial: 1.1,
  verify1kb: 1.3,
  parse: 1.2,
  clientKb: 5,
  receiverVsHand: 0.9,
  receiverVsExpress: 1.1,
};

const MODES = [
  ["sequential", "sequential"],
  ["concurrent", `${CONCURRENCY} concurrent`],
];

/** @param {any} r results */
export function evaluateTargets(r) {
  /** @type {{ id: string, target: string, measured: string, value: number, limit: number, met: boolean }[]} */
  const rows = [];
  /** @param {string} id @param {string} target @param {number} value @param {number} limit @param {"<=" | ">="} op @param {string} measured */
  const add = (id, target, value, limit, op, measured) =>
    rows.push({ id, target, measured, value, limit, met: op === "<=" ? value <= limit : value >= limit });
  const x = (/** @type {number} */ v) => `${v.toFixed(2)}×`;
  for (const [mode, label] of MODES) {
    const s = r.client?.[mode];
    if (!s) continue;
    const ratio = s.clients.ours.ratio;
    add(
      `client-vs-fetch-${mode}`,
      `client time per call ≤ ${LIMITS.clientVsFetch.toFixed(2)}× bare fetch (${label})`,
      ratio.median,
      LIMITS.clientVsFetch,
      "<=",
      `${x(ratio.median)} (${x(ratio.min)}–${x(ratio.max)})`,
    );
  }
  for (const [mode, label] of MODES) {
    const s = r.client?.[mode];
    if (!s) continue;
    const v = s.oursVsOfficial;
    add(
      `client-vs-official-${mode}`,
      `client throughput ≥ ${LIMITS.clientVsOfficial}× official client (${label})`,
      v.median,
      LIMITS.clientVsOfficial,
      ">=",
      `${x(v.median)} (${x(v.min)}–${x(v.max)})`,
    );
  }
  const verify = r.verify?.["1 KB"]?.verifiers.ours.ratio;
  if (verify) {
    add(
      "verify-1kb",
      `verifySignature ≤ ${LIMITS.verify1kb}× raw createHmac at 1 KB`,
      verify.median,
      LIMITS.verify1kb,
      "<=",
      `${x(verify.median)} (${x(verify.min)}–${x(verify.max)})`,
    );
  }
  for (const [format, label] of [
    ["json", "JSON"],
    ["jsonlines", "JSON Lines"],
  ]) {
    const p = r.parse?.[format]?.ours.ratio;
    if (!p) continue;
    add(
      `parse-${format}`,
      `parseEvents ≤ ${LIMITS.parse}× JSON.parse (${label}, 500 events)`,
      p.median,
      LIMITS.parse,
      "<=",
      `${x(p.median)} (${x(p.min)}–${x(p.max)})`,
    );
  }
  for (const type of ["string", "Uint8Array", "ArrayBuffer"]) {
    const v = r.verifyBodies?.[type]?.ratio;
    if (!v) continue;
    add(
      `verify-1kb-${type}`,
      `verifySignature ≤ ${LIMITS.verify1kb}× raw createHmac + timingSafeEqual at 1 KB (${type} body)`,
      v.median,
      LIMITS.verify1kb,
      "<=",
      `${x(v.median)} (${x(v.min)}–${x(v.max)})`,
    );
  }
  for (const [format, label] of [
    ["json", "JSON"],
    ["jsonl", "JSON Lines"],
  ]) {
    for (const pair of r.receiver?.[format]?.pairs ?? []) {
      const limit = pair.base === "express-official" ? LIMITS.receiverVsExpress : LIMITS.receiverVsHand;
      add(
        `receiver-${pair.ours}-vs-${pair.base}-${format}`,
        `deliveries/s ≥ ${limit.toFixed(2)}×: ${pair.label} (${label}, 500 events)`,
        pair.ratio.median,
        limit,
        ">=",
        `${x(pair.ratio.median)} (${x(pair.ratio.min)}–${x(pair.ratio.max)})`,
      );
    }
  }
  const client = r.size?.client;
  if (client && !client.error) {
    add(
      "client-size",
      `client entry ≤ ${LIMITS.clientKb} kB min+gzip, openapi-fetch included`,
      client.gzipBytes / 1000,
      LIMITS.clientKb,
      "<=",
      `${(client.gzipBytes / 1000).toFixed(2)} kB (${client.gzipBytes} B)`,
    );
  }
  return rows;
}
