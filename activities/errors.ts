import { ApplicationFailure } from '@temporalio/activity';
import { BillingProviderError } from './providers/billing-provider';
import { EmailProviderError } from './providers/email-provider';

/** Non-retryable failure types a run can end with (stable: they appear in histories and projections). */
export const ErrorType = {
  TeamRecipientNotAllowed: 'TeamRecipientNotAllowed',
  CustomerHasNoEmail: 'CustomerHasNoEmail',
  TemplateError: 'TemplateError',
  BillingRejected: 'BillingRejected',
  EmailRejected: 'EmailRejected',
  MissingSubject: 'MissingSubject',
  /** The webhook receiver refused the delivery (a 4xx other than 408/429, a redirect) or the URL is not http(s). */
  WebhookRejected: 'WebhookRejected',
} as const;

/**
 * Turns a provider error into what Temporal should do: a retryable fault is rethrown as a plain error
 * (Temporal retries with backoff), a hopeless one becomes `ApplicationFailure.nonRetryable` with a type.
 */
export function toActivityError(err: unknown, action: string): Error {
  if (err instanceof BillingProviderError) {
    if (err.retryable) return new Error(`${action}: ${err.message} (${err.type})`, { cause: err });
    return ApplicationFailure.nonRetryable(`${action}: ${err.message}`, ErrorType.BillingRejected, { providerType: err.type });
  }
  if (err instanceof EmailProviderError) {
    if (err.retryable) return new Error(`${action}: ${err.message} (${err.type})`, { cause: err });
    return ApplicationFailure.nonRetryable(`${action}: ${err.message}`, ErrorType.EmailRejected, { providerType: err.type, status: err.status });
  }
  if (err instanceof Error && err.name === 'TemplateError') {
    return ApplicationFailure.nonRetryable(`${action}: ${err.message}`, ErrorType.TemplateError);
  }
  if (err instanceof ApplicationFailure) return err;
  // Unknown errors (network resets, driver errors) are assumed transient: retrying is safe with the key.
  return err instanceof Error ? err : new Error(`${action}: ${String(err)}`);
}

/** Runs a provider call and maps its failure; `hopelessAs` retypes every non-retryable failure of the call. */
export async function mapErrors<T>(action: string, fn: () => Promise<T>, hopelessAs?: ErrorType): Promise<T> {
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

export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];
