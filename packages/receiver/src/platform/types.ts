/** What the receiver needs from the runtime's crypto. One implementation per runtime family. */
export interface Platform {
  /** HMAC-SHA256 of `body` under `secret`, 32 raw bytes. */
  hmacSha256(secret: string, body: string | Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** True when the HMAC of `body` under any of `secrets` equals `expected`, compared in constant time. */
  matchesAny(
    body: string | Uint8Array,
    expected: Uint8Array,
    secrets: readonly string[],
  ): boolean | Promise<boolean>;
  /** An HMAC fed chunk by chunk as the body arrives (where the runtime allows it). */
  startMac(secrets: readonly string[]): StreamingMac;
  /**
   * UTF-8 bytes to text, a leading BOM dropped.
   * @throws TypeError when the bytes are not valid UTF-8.
   */
  decodeUtf8(bytes: Uint8Array): string;
  // The two below only where the runtime decodes a range of bytes natively (see ranges.ts).
  /**
   * The lines of `decodeUtf8(bytes)`, as its `split("\n")` gives them, decoded line by line.
   * @throws TypeError when the bytes are not valid UTF-8.
   */
  readonly decodeUtf8Lines?: (bytes: Uint8Array) => string[];
  /**
   * The `events` array of a JSON body in Mailtrap's compact layout, parsed in pieces; undefined
   * for any other body, which the caller then parses whole.
   * @throws TypeError when the bytes are not valid UTF-8.
   */
  readonly decodeJsonEvents?: (bytes: Uint8Array) => unknown[] | undefined;
  /** The chunks, `size` bytes in all, joined into one array. */
  concat(chunks: readonly Uint8Array[], size: number): Uint8Array;
  /** 64 hex digits, already checked, to 32 bytes. */
  hexToBytes(hex: string): Uint8Array;
}

export interface StreamingMac {
  update(chunk: Uint8Array): void;
  /** `body` is the whole body, for runtimes that cannot hash incrementally. */
  matches(expected: Uint8Array, body: () => Uint8Array): boolean | Promise<boolean>;
}
