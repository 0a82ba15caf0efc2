/**
 * The mock package's errors. Every error it throws extends MailtrapMockError; a bad option or
 * argument is an InvalidArgumentError naming the field, as in the client and the receiver.
 */

/** Base class of every error the mock, the simulator and the test deliveries throw. */
export class MailtrapMockError extends Error {
  override readonly name: string = "MailtrapMockError";
}

/** A bad option or argument (a port out of range, an unknown kind): fix the call. */
export class InvalidArgumentError extends MailtrapMockError {
  override readonly name = "InvalidArgumentError";
  /** The option or argument at fault, e.g. `timeoutMs`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** A failure of the system beneath: `code` is its code, e.g. `EADDRINUSE` or `ECONNREFUSED`. */
abstract class SystemCodeError extends MailtrapMockError {
  readonly code: string | undefined;

  constructor(message: string, code: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** The mock or the simulator could not listen; `code` is the system code, e.g. `EADDRINUSE`. */
export class ListenError extends SystemCodeError {
  override readonly name = "ListenError";
}

/** A test delivery got no answer; `code` is the system code, e.g. `ECONNREFUSED` or `ENOTFOUND`. */
export class ConnectionError extends SystemCodeError {
  override readonly name = "ConnectionError";
}
