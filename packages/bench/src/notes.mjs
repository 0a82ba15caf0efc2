// The notes section of BENCHMARKS.md: method caveats, and for each missed target, why.

/** @param {any} r @returns {string[]} */
export function notes(r) {
  const out = [];
  const missed = new Set(
    r.targets
      .filter((/** @type {{ met: boolean }} */ t) => !t.met)
      .map((/** @type {{ id: string }} */ t) => t.id),
  );
  out.push(
    "- **Official client base URL.** `mailtrap`'s Webhooks resource builds absolute `https://mailtrap.io/api/accounts/…` URLs from a module constant read at load time, so axios's `baseURL` is ignored (absolute URLs win) and there is no option to change it. The bench adds one synchronous axios request interceptor that swaps the origin for the local server's; everything else (its axios instance, keep-alive agent, response interceptor) runs unchanged.",
  );
  if (missed.size === 0) out.push("- Every target was met in this run.");
  return out;
}
