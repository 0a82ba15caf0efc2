// README recipe: NestJS (Express platform). Compiled by the test suite, against the stand-in
// types in frameworks.d.ts.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";
import { toNodeListener } from "@mailtrap-webhooks/receiver/node";
import { NestFactory } from "@nestjs/core";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { store } from "./app.js";
import { AppModule } from "./app.module.js";

const mailtrap = createWebhookHandler({
  secret: process.env.MAILTRAP_WEBHOOK_SECRET ?? "",
  onEvents: (events, { signal }) => store(events, signal),
});

// rawBody: true keeps the exact bytes on req.rawBody beside Nest's parsed req.body.
const app = await NestFactory.create<NestExpressApplication>(AppModule, { rawBody: true });
app.use("/webhooks/mailtrap", toNodeListener(mailtrap));
await app.listen(3000);
