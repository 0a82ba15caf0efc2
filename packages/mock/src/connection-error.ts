/**
 * Words for a request that never got an answer. Node's fetch rejects with a bare "fetch failed"
 * and keeps the reason (ECONNREFUSED, ENOTFOUND, ECONNRESET, ...) in `cause`; this names it.
 */
const advice: Record<string, string> = {
  ECONNREFUSED: "nothing listens there; is the receiver running, and on that port?",
  ENOTFOUND: "the host name does not resolve; check the URL's host",
  EAI_AGAIN: "the host name could not be resolved right now; check the URL's host and the network",
  ECONNRESET: "the receiver closed the connection before answering",
  UND_ERR_SOCKET: "the receiver closed the connection before answering",
  ETIMEDOUT: "the connection timed out",
  EHOSTUNREACH: "the host cannot be reached",
};

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === "string" && code in advice) return code;
    // Several addresses tried (IPv6 and IPv4): an AggregateError holds each failure.
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = cause;
  }
  return undefined;
}

/** The system code of a connection failure (ECONNREFUSED, ENOTFOUND, ECONNRESET, ...), if it is one. */
export function connectionErrorCode(error: unknown): string | undefined {
  const code = codeOf(error);
  // undici reports a connection closed mid-request as its own code; the system name is clearer.
  return code === "UND_ERR_SOCKET" ? "ECONNRESET" : code;
}

/**
 * "could not reach 127.0.0.1:3000 (ECONNREFUSED): nothing listens there; ..." for a connection
 * failure, or undefined when `error` is something else (an abort, a timeout).
 */
export function connectionErrorMessage(error: unknown, url: string | URL): string | undefined {
  const code = codeOf(error);
  const shown = connectionErrorCode(error);
  if (code === undefined) return undefined;
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    host = String(url);
  }
  return `could not reach ${host} (${shown}): ${advice[code]}`;
}
