// Reading a `Retry-After` header. Its own module because two others need it and must not
// import each other: the retry policy (retry.ts, which knows the error classes) and
// RateLimitError (errors.ts), which carries the wait for callers who schedule retries themselves.

// The three HTTP-date forms (RFC 9110 §5.6.7), whole: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`,
// RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`. Date.parse alone
// would take "-5" as a year and "Mon, 1" as 2001.
const HTTP_DATE = /^[a-z]{3,9},? [\w -]{6,11} \d\d:\d\d:\d\d (GMT|\d{4})$/i;

/** `Retry-After` as seconds from now (delta-seconds or an HTTP date); undefined if absent or unreadable. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  const text = header?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = HTTP_DATE.exec(text);
  // asctime has no zone but means GMT; without one Date.parse would read local time.
  const at = date ? Date.parse(date[1] === "GMT" ? text : `${text} GMT`) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}
