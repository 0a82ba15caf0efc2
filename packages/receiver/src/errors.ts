/**
 * The receiver's errors. Every error it throws extends WebhookReceiverError, so one `instanceof`
 * catches them all; a bad option or argument is an InvalidArgumentError naming the field, like
 * the client's.
 */

/** Base class of every error the receiver throws. */
export class WebhookReceiverError extends Error {
  override readonly name: string = "WebhookReceiverError";
}

/** A delivery whose body something else read first: its exact bytes, and so its signature, are lost. */
export const bodyReadError = (advice: string): WebhookReceiverError =>
  new WebhookReceiverError(
    `The request body was read before the Mailtrap webhook handler, so its signature cannot be checked. ${advice}`,
  );

/** A bad option or argument (an empty secret, a negative `maxBodyBytes`): fix the call, not the data. */
export class InvalidArgumentError extends WebhookReceiverError {
  override readonly name = "InvalidArgumentError";
  /** The option or argument at fault, e.g. `secret` or `timeoutMs`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
