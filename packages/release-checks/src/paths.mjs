// Where the gate looks in this repository, found from this file so any cwd works. The
// current spec is not among them: the gate reads it through @mailtrap-webhooks/spec.
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export function repoPaths() {
  return {
    released: fileURLToPath(new URL("../released/mailtrap-webhooks.openapi.yaml", import.meta.url)),
    changesets: `${root}.changeset`,
  };
}
