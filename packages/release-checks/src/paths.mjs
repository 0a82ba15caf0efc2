// Where the gate looks in this repository, found from this file so any cwd works.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export function repoPaths() {
  return {
    spec: `${root}spec/mailtrap-webhooks.openapi.yaml`,
    released: fileURLToPath(new URL("../released/mailtrap-webhooks.openapi.yaml", import.meta.url)),
    changesets: `${root}.changeset`,
  };
}
