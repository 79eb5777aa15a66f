/**
 * Faults raised by the handoff package. `@jg/errors` (the one code catalogue) is being written in
 * parallel; until it exports `AppFault`, this class carries the same shape (`code`, message, cause)
 * so callers can already switch on `code`. Swap to `AppFault` once the catalogue exists.
 */
export type HandoffFaultCode = "BAD_USER_INPUT" | "HOME_PLATFORM_UNAVAILABLE";

export class HandoffFault extends Error {
  override readonly name = "HandoffFault";

  constructor(
    readonly code: HandoffFaultCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
