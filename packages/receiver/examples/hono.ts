// README recipe: Hono (any runtime). Compiled by the test suite.
import { createWebhookHandler } from "@mailtrap-webhooks/receiver";

const mailtrap = createWebhookHandler({ secret, onEvents });

// c.req.raw is the original Request; its body has not been read yet.
app.post("/webhooks/mailtrap", (c) => mailtrap(c.req.raw));

// Not in the README: the corner of Hono this file uses, and your own settings.
declare const app: {
  post(path: string, handler: (c: { req: { raw: Request } }) => Promise<Response>): unknown;
};
declare const secret: string;
declare function onEvents(events: unknown[]): Promise<void>;
