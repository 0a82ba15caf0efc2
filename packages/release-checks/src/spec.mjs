// The gate's view of a spec: documents come from @mailtrap-webhooks/spec (the one reader,
// which also resolves $refs); this module only adds what comparing two versions needs.

/** A parsed OpenAPI node; the spec is hand-written, so nodes stay loosely typed. */
/** @typedef {Record<string, any>} Node */

/** The last segment of a local `$ref`: a component's name, e.g. `Webhook`. */
/** @param {string} ref */
export const refName = (ref) => ref.split("/").pop() ?? ref;
