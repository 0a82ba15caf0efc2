// Stands in for src/platform/current.ts in tests (see vitest.config.ts): node:crypto, as the
// package's `node` condition gives Node users, unless a test switches to the Web Crypto one.
import { platform as node } from "../../src/platform/node.js";
import type { Platform } from "../../src/platform/types.js";
import { platform as web } from "../../src/platform/web.js";

let current: Platform = node;

/** Runs everything after it on node:crypto (true) or Web Crypto (false). */
export function useNodeCrypto(enabled: boolean): void {
  current = enabled ? node : web;
}

export const platform: Platform = {
  hmacSha256: (...args) => current.hmacSha256(...args),
  matchesAny: (...args) => current.matchesAny(...args),
  startMac: (...args) => current.startMac(...args),
  decodeUtf8: (...args) => current.decodeUtf8(...args),
  get decodeUtf8Lines() {
    return current.decodeUtf8Lines;
  },
  get decodeJsonEvents() {
    return current.decodeJsonEvents;
  },
  concat: (...args) => current.concat(...args),
  hexToBytes: (...args) => current.hexToBytes(...args),
};
