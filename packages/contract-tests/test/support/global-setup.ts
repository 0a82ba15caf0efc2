import { startMockServer } from "@mailtrap-webhooks/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // CONTRACT_SPEC serves a scratch copy of the spec instead, to show the suite catching a
  // spec that no longer matches the client (see the package README).
  const specPath = process.env.CONTRACT_SPEC;
  const mock = await startMockServer(specPath ? { specPath } : {});
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
