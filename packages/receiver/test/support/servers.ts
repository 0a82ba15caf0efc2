// The same handler mounted in each framework the README documents, on 127.0.0.1 with an
// OS-picked port. `start` returns the delivery URL and a `stop` that closes what it opened.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { toFastifyPlugin } from "../../src/fastify.js";
import { toNodeListener } from "../../src/node.js";

type FetchHandler = (request: Request) => Promise<Response>;
export interface Running {
  url: string;
  stop: () => Promise<void>;
}

const PATH = "/hooks/mailtrap";

async function closing(server: Server): Promise<Running> {
  if (!server.listening) await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PATH}`,
    stop: async () => {
      server.close();
      server.closeAllConnections();
      if (server.listening) await once(server, "close");
    },
  };
}

export const adapters: Record<string, (handler: FetchHandler) => Promise<Running>> = {
  "node:http": (handler) => closing(createServer(toNodeListener(handler)).listen(0, "127.0.0.1")),
  "Express, body streamed": (handler) => {
    const app = express();
    app.all(PATH, toNodeListener(handler));
    return closing(app.listen(0, "127.0.0.1"));
  },
  "Express + express.raw()": (handler) => {
    const app = express();
    app.all(PATH, express.raw({ type: "*/*", limit: "5mb" }), toNodeListener(handler));
    return closing(app.listen(0, "127.0.0.1"));
  },
  Fastify: async (handler) => {
    const app = Fastify();
    await app.register(toFastifyPlugin(handler), { prefix: PATH });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}${PATH}`,
      stop: async () => {
        app.server.closeAllConnections();
        await app.close();
      },
    };
  },
  "Hono on @hono/node-server": (handler) => {
    const app = new Hono();
    app.all(PATH, (c) => handler(c.req.raw));
    return closing(serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server);
  },
};
