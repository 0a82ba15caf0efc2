// Constants the build writes into the code, shared by tsup (dist) and vitest (tests), so the
// version sent in the User-Agent is package.json's after every `changeset version`.
import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as {
  version: string;
};

export const define = { __CLIENT_VERSION__: JSON.stringify(version) };
