// Markdown for the generated block: tables of medians with their min–max, and target rows.

/** @typedef {import("./stats.mjs").Summary} Summary */
/** @typedef {{ title: string, blocks: string[], targets: string[][] }} Section */

/** @param {number} value @param {number} [digits] */
export const n = (value, digits = 0) => value.toFixed(digits);

/** "median (min–max)", the values scaled first (e.g. 1000 for ms → µs). */
export const spread = (/** @type {Summary} */ s, digits = 0, scale = 1) =>
  `${n(s.median * scale, digits)} (${n(s.min * scale, digits)}–${n(s.max * scale, digits)})`;

/** A ratio: "1.05× (0.98–1.20)". */
export const times = (/** @type {Summary} */ s) => `${n(s.median, 2)}× (${n(s.min, 2)}–${n(s.max, 2)})`;

/** @param {string[]} head @param {string[][]} rows */
export const table = (head, rows) =>
  [head, head.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");

/**
 * A row of the targets table, judged on the median ratio.
 * @param {string} what @param {string} baseline @param {Summary} ratio @param {"≤" | "≥"} op @param {number} limit
 */
export function target(what, baseline, ratio, op, limit) {
  const met = op === "≤" ? ratio.median <= limit : ratio.median >= limit;
  return [what, baseline, times(ratio), `${op} ${n(limit, 2)}×`, met ? "met" : "**not met**"];
}
