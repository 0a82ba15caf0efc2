// Not a README recipe: Koa and NestJS are not installed in this repository, so the corners of
// their public types that koa.ts and nest.ts use are declared here, as those packages type them.
declare module "koa" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface Context {
    method: string;
    path: string;
    respond: boolean;
    req: IncomingMessage;
    res: ServerResponse;
  }
  type Middleware = (ctx: Context, next: () => Promise<unknown>) => Promise<unknown> | unknown;
  export default class Koa {
    use(middleware: Middleware): this;
    listen(port: number): unknown;
  }
}

declare module "@nestjs/platform-express" {
  export interface NestExpressApplication {
    use(path: string, ...handlers: unknown[]): this;
    listen(port: number): Promise<unknown>;
  }
}

declare module "@nestjs/core" {
  export const NestFactory: {
    create<T>(module: unknown, options?: { rawBody?: boolean }): Promise<T>;
  };
}
