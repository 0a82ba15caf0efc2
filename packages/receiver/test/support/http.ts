// One HTTP exchange with node:http, for tests against real servers: any method, headers and
// body (whole, or as chunks written with backpressure), failing after 5 s instead of hanging.
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";

export interface Exchange {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Outgoing {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Uint8Array;
  /** Written one after the other instead of `body`, without Content-Length (chunked). */
  chunks?: { count: number; size: number };
}

export function exchange(url: string, outgoing: Outgoing = {}): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: outgoing.method ?? "POST", headers: outgoing.headers });
    const timer = setTimeout(() => req.destroy(new Error(`no answer from ${url} in time`)), 5000);
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    req.on("error", (error) => {
      // A server that answers early and closes may cut the rest of the upload: not a failure.
      if (answered) return;
      clearTimeout(timer);
      reject(error);
    });
    const { chunks } = outgoing;
    if (!chunks) return void req.end(outgoing.body);
    const chunk = Buffer.alloc(chunks.size, 0x20);
    let written = 0;
    const pump = () => {
      let flowing = true;
      // A write that returns false still queued its chunk: count it, then wait for drain.
      while (!answered && flowing && written < chunks.count) {
        flowing = req.write(chunk);
        written++;
      }
      if (answered) return;
      if (written < chunks.count) req.once("drain", pump);
      else req.end();
    };
    pump();
  });
}
