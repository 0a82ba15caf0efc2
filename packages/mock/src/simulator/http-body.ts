/**
 * Reads a request's JSON body for the simulator, turning every way it can be wrong (too big,
 * not JSON, wrong content type) into a status and a message instead of an exception.
 */
import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

/** `application/json`, with or without parameters such as `charset`. */
export function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(";")[0]?.trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType ?? "");
}

function readLimited(request: IncomingMessage, maxBytes: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        // Keep draining (not destroying) so the 413 can still be written to the socket.
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    request.on("error", reject);
  });
}

export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return { ok: false, status: 413, message: `The body is larger than ${maxBytes} bytes.` };
  }
  const raw = await readLimited(request, maxBytes);
  if (raw === "too-large")
    return { ok: false, status: 413, message: `The body is larger than ${maxBytes} bytes.` };
  if (!isJsonContentType(request.headers["content-type"])) {
    return { ok: false, status: 415, message: "Send the body as JSON, with Content-Type: application/json." };
  }
  const text = raw.toString("utf8");
  if (text.trim() === "") return { ok: false, status: 400, message: "The request needs a JSON body." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, status: 400, message: `The body is not valid JSON: ${(error as Error).message}` };
  }
}
