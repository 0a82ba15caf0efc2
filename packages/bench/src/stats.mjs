// Timing helpers: rounds of a fixed number of iterations, medians and spreads.
import { performance } from "node:perf_hooks";

/** @param {number[]} values @param {number} q quantile in [0, 1] */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = /** @type {number} */ (sorted[lo]);
  const b = /** @type {number} */ (sorted[hi]);
  return a + (b - a) * (pos - lo);
}

/**
 * @typedef {{ median: number, min: number, max: number, q1: number, q3: number, n: number }} Summary
 */

/** @param {number[]} values @returns {Summary} */
export function summarize(values) {
  return {
    median: quantile(values, 0.5),
    min: Math.min(...values),
    max: Math.max(...values),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    n: values.length,
  };
}

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const now = () => performance.now();

/**
 * Runs `fn(iterations)` until one call takes at least `targetMs`, doubling the count, and
 * returns the count that fills about `targetMs`. `fn` returns its elapsed milliseconds.
 * @param {(iterations: number) => Promise<number>} fn
 * @param {number} targetMs
 * @param {number} [start]
 * @param {number} [cap]
 */
export async function calibrate(fn, targetMs, start = 1, cap = 1_000_000) {
  let n = start;
  for (;;) {
    const ms = await fn(n);
    if (ms >= targetMs / 4 || n >= cap) {
      return Math.max(1, Math.min(cap, Math.round((n * targetMs) / Math.max(ms, 0.001))));
    }
    n *= 4;
  }
}

/**
 * Interleaved rounds: in each round every contender runs once (order rotated per round), so
 * a slow phase of the shared machine hits all of them alike. Returns per-contender arrays of
 * per-iteration times (ms) and the per-round ratios against `baseline`.
 * @template {string} K
 * @param {{ key: K, run: (iterations: number) => Promise<number>, iterations: number }[]} contenders
 * @param {number} rounds
 * @param {number} warmup
 * @param {K} baseline
 */
export async function interleaved(contenders, rounds, warmup, baseline) {
  /** @type {Record<string, number[]>} */
  const perOp = {};
  for (const c of contenders) perOp[c.key] = [];
  for (let r = 0; r < warmup + rounds; r++) {
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]);
    for (const c of order) {
      if (!c) continue;
      const ms = await c.run(c.iterations);
      if (r >= warmup) perOp[c.key]?.push(ms / c.iterations);
    }
  }
  /** @type {Record<string, number[]>} */
  const ratios = {};
  const base = perOp[baseline] ?? [];
  for (const c of contenders) {
    ratios[c.key] = (perOp[c.key] ?? []).map((t, i) => t / (base[i] ?? Number.NaN));
  }
  return { perOp, ratios };
}
