import { BillingErrorType } from '../billing-errors';
import { BillingProviderError } from '../billing-provider';
import { contractProblemSchema } from './http-billing-contract';

/** `Retry-After` in ms (delta-seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number, capMs = 3_600_000): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), capMs) : undefined;
}

const REFUSALS: Record<string, BillingErrorType> = {
  invoice_not_open: BillingErrorType.InvoiceNotOpen,
  invoice_not_payable: BillingErrorType.InvoiceNotPayable,
  subscription_ended: BillingErrorType.SubscriptionEnded,
  not_found: BillingErrorType.NotFound,
  invalid_request: BillingErrorType.InvalidRequest,
};

/**
 * The error class of a non-2xx answer: 409 (a concurrent call with the key), 429, 408 and 5xx may succeed
 * later (retryable, after `Retry-After` when given); every other 4xx is permanent, refined by the problem's `code`.
 */
export function errorFromAnswer(operation: string, status: number, body: unknown, retryAfter?: number): BillingProviderError {
  const problem = contractProblemSchema.safeParse(body).data;
  const said = problem?.detail ?? problem?.title;
  const message = `Billing API ${operation} answered ${status}${said ? `: ${said.slice(0, 300)}` : ''}`;
  const make = (type: BillingErrorType, retryable: boolean) => new BillingProviderError(message, type, retryable, undefined, retryable ? retryAfter : undefined);
  if (status === 429) return make(BillingErrorType.RateLimited, true);
  if (status === 409) return make(BillingErrorType.Conflict, true);
  if (status === 408 || status >= 500) return make(BillingErrorType.Unavailable, true);
  if (status === 401) return make(BillingErrorType.Auth, false);
  if (status === 403) return make(BillingErrorType.PermissionDenied, false);
  if (status === 404) return make(BillingErrorType.NotFound, false);
  const refined = problem?.code && REFUSALS[problem.code];
  if (refined) return make(refined, false);
  return make(status >= 400 && status < 500 ? BillingErrorType.InvalidRequest : BillingErrorType.Unknown, false);
}

/** A call that never got an answer (refused connection, reset, timeout): the same key makes a retry safe. */
export function errorFromNetwork(operation: string, err: unknown): BillingProviderError {
  // A DOMException (the timeout's) is not always an `Error` instance across realms: read its name.
  const { name, message, cause } = (err ?? {}) as { name?: string; message?: string; cause?: { message?: string } };
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const reason = timedOut ? 'no answer in time' : (cause?.message ?? message ?? String(err));
  return new BillingProviderError(`Billing API ${operation} failed: ${reason}`, BillingErrorType.Unavailable, true, err);
}
