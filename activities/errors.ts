import { ApplicationFailure } from '@temporalio/activity';
import { RunFailureType } from '../domain/run-failures';
import { BillingProviderError } from '../providers/billing/billing-provider';
import { EmailProviderError } from '../providers/email/email-provider';
import { TemplateError } from './email/template-error';

export { RunFailureType } from '../domain/run-failures';

/** The one way a run failure becomes a Temporal failure: non-retryable, its `type` one of `RunFailureType`. */
export function runFailure(
  type: RunFailureType,
  message: string,
  details?: Record<string, unknown>,
  cause?: Error,
): ApplicationFailure {
  return ApplicationFailure.create({ message, type, nonRetryable: true, details: details ? [details] : [], cause });
}

/**
 * Turns a provider error into what Temporal should do: a retryable fault is rethrown as a plain error
 * (Temporal retries with backoff), a hopeless one becomes a run failure with its type.
 */
export function toActivityError(err: unknown, action: string): Error {
  if (err instanceof BillingProviderError) {
    if (err.retryable && err.retryAfterMs !== undefined) {
      // The provider said when to come back (Retry-After): the next attempt waits that long, not the policy's backoff.
      return ApplicationFailure.create({ message: `${action}: ${err.message} (${err.type})`, type: err.type, nonRetryable: false, nextRetryDelay: err.retryAfterMs, cause: err });
    }
    if (err.retryable) return new Error(`${action}: ${err.message} (${err.type})`, { cause: err });
    return runFailure(RunFailureType.BillingRejected, `${action}: ${err.message}`, { providerType: err.type });
  }
  if (err instanceof EmailProviderError) {
    if (err.retryable) return new Error(`${action}: ${err.message} (${err.type})`, { cause: err });
    return runFailure(RunFailureType.EmailRejected, `${action}: ${err.message}`, { providerType: err.type, status: err.status });
  }
  if (err instanceof TemplateError) return runFailure(err.type, `${action}: ${err.message}`);
  if (err instanceof ApplicationFailure) return err;
  // Unknown errors (network resets, driver errors) are assumed transient: retrying is safe with the key.
  return err instanceof Error ? err : new Error(`${action}: ${String(err)}`);
}

/** Runs a provider call and maps its failure; `hopelessAs` retypes every non-retryable failure of the call. */
export async function mapErrors<T>(action: string, fn: () => Promise<T>, hopelessAs?: RunFailureType): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const mapped = toActivityError(err, action);
    if (hopelessAs && mapped instanceof ApplicationFailure && mapped.nonRetryable && mapped.type !== hopelessAs) {
      throw ApplicationFailure.create({ message: mapped.message, type: hopelessAs, nonRetryable: true, details: mapped.details ?? undefined, cause: mapped });
    }
    throw mapped;
  }
}
