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
  /**
   * The bytes, checked to be UTF-8, to decode a range at a time. A large body then never
   * becomes one string: V8 puts a string over 128 kB in pages of its own, which on some
   * machines costs about 1 ms to allocate, 100 times as much as one just under. Only where
   * the runtime decodes a range and finds a needle natively.
   * @throws TypeError when the bytes are not valid UTF-8.
   */
  readonly utf8View?: (bytes: Uint8Array) => Utf8View;
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

/** UTF-8 bytes read by ranges; see `Platform.utf8View`. */
export interface Utf8View {
  /** In bytes. */
  readonly length: number;
  /** The text of bytes `start` to `end` (exclusive). A character cut at either end becomes U+FFFD. */
  text(start: number, end: number): string;
  /** Where `needle` (ASCII) next starts, at or after byte `from`; -1 when nowhere. */
  indexOf(needle: string, from: number): number;
}
