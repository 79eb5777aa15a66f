import { CODES, type FaultCode, type Lang } from "./catalogue";
import { messageFor, type MessageParams } from "./message";

/** Options of an `AppFault`. */
export interface AppFaultOptions {
  /** Values for the message's placeholders; default none. */
  params?: MessageParams;
  /** Machine-readable details sent in `extensions` (never secrets or stack traces); default none. */
  details?: Record<string, unknown>;
  /** The underlying error, for the log only; default none. */
  cause?: unknown;
  /** Language of `message`; default "en" (services localise from `code` and `params` per request). */
  lang?: Lang;
}

/**
 * A request refusal or infrastructure fault, raised as an exception. Services turn it into a
 * `GraphQLError` with `extensions.code = fault.code` (and `details`), and internal HTTP routes answer
 * `httpStatus`. Business denials are never thrown: they are values (`Decision`).
 */
export class AppFault extends Error {
  readonly code: FaultCode;
  readonly details?: Record<string, unknown>;
  readonly params?: MessageParams;

  constructor(code: FaultCode, options: AppFaultOptions = {}) {
    super(messageFor(code, options.lang ?? "en", options.params), { cause: options.cause });
    this.name = "AppFault";
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
    if (options.params !== undefined) this.params = options.params;
  }

  /** The HTTP status of this fault's code (500 when the catalogue gives none). */
  get httpStatus(): number {
    return CODES[this.code].httpStatus ?? 500;
  }

  /** The message in another language. */
  messageIn(lang: Lang): string {
    return messageFor(this.code, lang, this.params);
  }
}

/** True when `error` is an `AppFault`. */
export function isAppFault(error: unknown): error is AppFault {
  return error instanceof AppFault;
}
