// Timing helpers: calibrated rounds, run interleaved, with per-round ratios against a baseline.
import { performance } from "node:perf_hooks";

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const now = () => performance.now();

/**
 * A timed loop for compareLoops: `step(i)` for i from 0 to n - 1, each awaited; it throws on a
 * wrong answer, so every contender is checked while it is timed.
 * @param {(i: number) => unknown} step
 */
export const loop = (step) => async (/** @type {number} */ n) => {
  const t0 = now();
  for (let i = 0; i < n; i++) await step(i);
  return now() - t0;
};

/** @typedef {{ median: number, min: number, max: number }} Summary */

/** @param {number[]} values @returns {Summary} */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return {
    median: (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2,
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * The iteration count that makes `run(n)` take about `targetMs` (quadrupling from 1 until a
 * run takes a quarter of it), at most `cap`. `run` returns its elapsed milliseconds. A first,
 * discarded run keeps one-off costs (loading, compiling) out of the estimate.
 * @param {(iterations: number) => Promise<number>} run @param {number} targetMs @param {number} cap
 */
export async function calibrate(run, targetMs, cap) {
  await run(1);
  for (let n = 1; ; n *= 4) {
    const ms = await run(n);
    if (ms >= targetMs / 4 || n >= cap) return Math.max(1, Math.min(cap, Math.round((n * targetMs) / ms)));
  }
}

/** @typedef {{ value: Summary, ratio: Summary }} Measured a value, and its ratio to the baseline's per round */

/**
 * Rounds in which every contender runs once, the order rotated per round, so a slow moment on
 * a shared machine hits them all alike. A contender's round yields one or more named metrics;
 * each is summarized, with its per-round ratio against the baseline's same metric.
 * @template {string} M
 * @param {Record<string, () => Promise<Record<M, number>>>} contenders
 * @param {string} baseline a key of `contenders`
 * @param {{ rounds: number, warmup: number }} options
 * @returns {Promise<Record<string, Record<M, Measured>>>}
 */
export async function interleaved(contenders, baseline, { rounds, warmup }) {
  const keys = Object.keys(contenders);
  /** @type {Record<string, Record<M, number>[]>} */
  const samples = Object.fromEntries(keys.map((key) => [key, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[(i + round) % keys.length];
      const sample = await contenders[key]();
      if (round >= warmup) samples[key].push(sample);
    }
  }
  /** @param {Record<M, number>[]} own @returns {Record<M, Measured>} */
  const measure = (own) => {
    const metrics = /** @type {M[]} */ (Object.keys(own[0]));
    const summary = (/** @type {M} */ m) => ({
      value: summarize(own.map((s) => s[m])),
      ratio: summarize(own.map((s, i) => s[m] / samples[baseline][i][m])),
    });
    return /** @type {Record<M, Measured>} */ (Object.fromEntries(metrics.map((m) => [m, summary(m)])));
  };
  return Object.fromEntries(keys.map((key) => [key, measure(samples[key])]));
}

/**
 * In-process loops: every contender runs the same iteration count per round (calibrated on
 * the slowest), interleaved. The result's values are milliseconds per iteration.
 * @param {Record<string, (iterations: number) => Promise<number>>} loops returns elapsed ms
 * @param {string} baseline
 * @param {{ rounds: number, warmup: number, roundMs: number, cap: number }} options
 * @returns {Promise<Record<string, Measured>>}
 */
export async function compareLoops(loops, baseline, { rounds, warmup, roundMs, cap }) {
  let iterations = cap;
  for (const loop of Object.values(loops))
    iterations = Math.min(iterations, await calibrate(loop, roundMs, cap));
  const perRound = Object.fromEntries(
    Object.entries(loops).map(([key, loop]) => [
      key,
      async () => ({ ms: (await loop(iterations)) / iterations }),
    ]),
  );
  const results = await interleaved(perRound, baseline, { rounds, warmup });
  return Object.fromEntries(Object.entries(results).map(([key, r]) => [key, r.ms]));
}
