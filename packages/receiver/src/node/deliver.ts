/**
 * A delivery from node:http straight into the core: Buffers from the IncomingMessage (or the
 * bytes a body parser kept), no Request, no web stream, the answer written with writeHead/end.
 */
import type { ServerResponse } from "node:http";
import { type Answer, answers } from "../answers.js";
import { type DeliveryEnvironment, isAnswer, type WebhookCore } from "../core.js";
import {
  bodyAlreadyRead,
  type NodeRequest,
  PARSED,
  PARSER_ADVICE,
  requestHeaders,
  requestUrl,
} from "./request-bridge.js";

const encoder = new TextEncoder();

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

// 413 mid-upload: stop reading and close the connection once the answer is out, instead of
// reading (and throwing away) the rest of a body that may be endless.
function refuse(req: NodeRequest, res: ServerResponse): void {
  req.pause();
  // `connection: close` makes Node end the socket after the answer (and not drain the request).
  send(res, answers.tooLarge);
  res.once("finish", () => {
    req.socket?.end();
    // A sender that keeps writing never sees our FIN: cut it off after a moment.
    setTimeout(() => req.socket?.destroy(), 1000).unref();
  });
}

/** Runs one node:http request through `core`. */
export function deliver(core: WebhookCore, req: NodeRequest, res: ServerResponse): Promise<void> {
  const environment: DeliveryEnvironment = {
    request: () =>
      new Request(requestUrl(req), { method: req.method ?? "POST", headers: requestHeaders(req) }),
  };
  const reception = core.begin(req);
  // Early answers: Node drains the unread body itself, so a keep-alive connection goes on.
  if (isAnswer(reception)) {
    if (reception.status === answers.tooLarge.status) req.pause();
    send(res, reception);
    return Promise.resolve();
  }
  const read = bodyAlreadyRead(req);
  if (read === PARSED) {
    send(res, reception.bodyAlreadyRead(environment, PARSER_ADVICE));
    return Promise.resolve();
  }
  // Closed before our answer was written: the sender is gone.
  res.once("close", () => {
    if (!res.writableFinished) reception.disconnected();
  });

  if (read !== undefined) {
    if (!reception.push(typeof read === "string" ? encoder.encode(read) : read)) {
      send(res, answers.tooLarge);
      return Promise.resolve();
    }
    return reception.finish(environment).then((answer) => send(res, answer));
  }

  return new Promise<void>((resolve, reject) => {
    const detach = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer | string) => {
      if (reception.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk)) return;
      detach();
      refuse(req, res);
      resolve();
    };
    const onEnd = () => {
      detach();
      reception.finish(environment).then((answer) => {
        send(res, answer);
        resolve();
      }, reject);
    };
    const onError = () => {
      detach();
      send(res, answers.unreadable);
      resolve();
    };
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
