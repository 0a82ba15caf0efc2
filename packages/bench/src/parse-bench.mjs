// 3. Parsing a 500-event delivery, JSON and JSON Lines: parseEvents against JSON.parse.
import { parseEvents } from "@mailtrap-webhooks/receiver";
import { deliveries } from "./fixtures.mjs";
import { calibrate, interleaved, now, summarize } from "./stats.mjs";

export const FORMATS = /** @type {const} */ ([
  ["json", "JSON"],
  ["jsonlines", "JSON Lines"],
]);

/** @param {{ rounds: number, warmup: number, roundMs: number, smoke: boolean }} options */
export async function benchParse({ rounds, warmup, roundMs, smoke }) {
  const delivery = deliveries(500);
  /** @type {Record<string, any>} */
  const results = {};
  for (const [format, label] of FORMATS) {
    const text = format === "json" ? delivery.json : delivery.jsonl;
    let sink = 0;
    /** @param {number} n @param {number} t0 */
    const done = (n, t0) => {
      const ms = now() - t0;
      if (sink !== n * delivery.count)
        throw new Error(`${label}: expected ${delivery.count} events per parse`);
      sink = 0;
      return ms;
    };
    const run = {
      /** @param {number} n */
      async baseline(n) {
        const t0 = now();
        for (let i = 0; i < n; i++) {
          if (format === "json") {
            sink += JSON.parse(text).events.length;
          } else {
            for (const line of text.split("\n")) if (line !== "") sink += JSON.parse(line) ? 1 : 0;
          }
        }
        return done(n, t0);
      },
      /** @param {number} n */
      async ours(n) {
        const t0 = now();
        for (let i = 0; i < n; i++) sink += parseEvents(text, { format }).length;
        return done(n, t0);
      },
    };
    const counts = [await calibrate(run.baseline, roundMs), await calibrate(run.ours, roundMs)];
    const iterations = Math.max(1, Math.min(...counts, smoke ? 5 : 100_000));
    const { perOp, ratios } = await interleaved(
      [
        { key: "baseline", iterations, run: run.baseline },
        { key: "ours", iterations, run: run.ours },
      ],
      rounds,
      warmup,
      "baseline",
    );
    results[format] = {
      label,
      bytes: Buffer.byteLength(text),
      events: delivery.count,
      iterations,
      baselineLabel: format === "json" ? "JSON.parse" : "split on \\n + JSON.parse per line",
      baseline: { usPerOp: summarize((perOp.baseline ?? []).map((ms) => ms * 1000)) },
      ours: {
        usPerOp: summarize((perOp.ours ?? []).map((ms) => ms * 1000)),
        ratio: summarize(ratios.ours ?? []),
      },
    };
  }
  return results;
}
