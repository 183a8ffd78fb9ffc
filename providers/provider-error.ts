/**
 * An error of a provider port, typed by that port's union of codes (after twentyhq/twenty's
 * `CustomException<Code>`): callers switch on `type` with the compiler checking every name.
 */
export class ProviderError<Type extends string> extends Error {
  constructor(
    message: string,
    /** Stable machine-readable kind, one of the port's codes. */
    readonly type: Type,
    /** Whether the same call may succeed later (Temporal retries it) or never will. */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
