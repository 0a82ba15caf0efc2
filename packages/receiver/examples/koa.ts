// README recipe: Koa. Compiled by the test suite, against the stand-in types in frameworks.d.ts.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import Koa from "koa";
import { store } from "./app.js";

const mailtrap = toNodeListener(
  createWebhookHandler({
    secret: process.env.MAILTRAP_WEBHOOK_SECRET ?? "",
    onEvents: (events, { signal }) => store(events, signal),
  }),
);

const app = new Koa();
// First, before any body parser: the listener reads the raw body from ctx.req and answers on ctx.res.
app.use(async (ctx, next) => {
  if (ctx.method !== "POST" || ctx.path !== "/webhooks/mailtrap") return next();
  ctx.respond = false; // Koa leaves the response to the listener
  mailtrap(ctx.req, ctx.res);
});
app.listen(3000);
