/**
 * Fastify adapter: a plugin that serves one route with the node:http adapter on the raw
 * request, so the body reaches the HMAC exactly as sent. Fastify's own body parsers are
 * removed inside the plugin's scope (Fastify encapsulation), so the rest of the app keeps them.
 * Node only. Typed structurally: the package does not depend on Fastify.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { toNodeListener } from "./node.js";

/** The parts of a Fastify instance the plugin uses. */
export interface FastifyLike {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    contentType: string,
    parser: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  route(options: {
    method: string[];
    url: string;
    handler: (
      request: { raw: IncomingMessage },
      reply: { raw: ServerResponse; hijack(): void },
    ) => void | Promise<void>;
  }): unknown;
}

export interface FastifyPluginOptions {
  /** The route, relative to the prefix the plugin is registered with. Default `/`. */
  path?: string;
}

// Every method Fastify routes, so other methods get the handler's 405 rather than Fastify's 404.
// GET's automatic HEAD route is Fastify's; HEAD is left out to avoid declaring it twice.
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * `app.register(toFastifyPlugin(createWebhookHandler({ ... })), { prefix: "/webhooks/mailtrap" })`.
 * The reply is hijacked: Fastify's onSend hooks do not run for this route.
 */
export function toFastifyPlugin(
  handler: (request: Request) => Promise<Response>,
  { path = "/" }: FastifyPluginOptions = {},
): (fastify: FastifyLike, options: unknown, done: (error?: Error) => void) => void {
  const listener = toNodeListener(handler);
  return (fastify, _options, done) => {
    // Leave the body unread: the listener streams it through the HMAC itself.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser("*", (_request, _payload, parsed) => parsed(null));
    fastify.route({
      method: METHODS,
      url: path,
      handler(request, reply) {
        reply.hijack();
        listener(request.raw, reply.raw);
      },
    });
    done();
  };
}
