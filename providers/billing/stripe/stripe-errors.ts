import Stripe from 'stripe';
import type { PaymentAttempt } from '../../../domain/billing';
import { paymentCard, stripePaymentIntentSchema, stripePaymentMethodSchema } from '../../../domain/normalize';
import { BillingErrorType } from '../billing-errors';
import { BillingProviderError } from '../billing-provider';
import { compact } from '../../../domain/normalize/billing-enums';

type StripeError = InstanceType<typeof Stripe.errors.StripeError>;

/** True for errors raised by the Stripe SDK (API answers and connection failures). */
export function isStripeError(err: unknown): err is StripeError {
  return err instanceof Stripe.errors.StripeError;
}

/** A 400 about the object's state rather than our parameters: the caller re-reads the object to name it. */
export function isStateError(err: unknown): boolean {
  return (
    err instanceof Stripe.errors.StripeInvalidRequestError &&
    err.statusCode === 400 &&
    !err.param &&
    err.code !== 'resource_missing'
  );
}

/**
 * Classifies any error from a Stripe call. Transient faults (429, lock_timeout, 409, 5xx, network) are
 * retryable; everything else is a bug or a hopeless request and must not be retried. Messages carry the
 * operation and Stripe's own message, never the request (which may hold customer data) or the API key.
 */
export function toBillingProviderError(err: unknown, operation: string): BillingProviderError {
  if (err instanceof BillingProviderError) return err;
  if (!isStripeError(err)) {
    const message = err instanceof Error ? err.message : String(err);
    return new BillingProviderError(`Stripe ${operation} failed: ${message}`, BillingErrorType.Unknown, true, err);
  }
  const make = (type: BillingErrorType, retryable: boolean) => {
    const requestId = err.requestId ? ` (request ${err.requestId})` : '';
    return new BillingProviderError(`Stripe ${operation}: ${redact(err.message)}${requestId}`, type, retryable, err);
  };
  const E = Stripe.errors;
  // lock_timeout arrives as a 429 (or 400 on older versions): another request holds the object; retry soon.
  if (err.code === 'lock_timeout') return make(BillingErrorType.LockTimeout, true);
  if (err instanceof E.StripeRateLimitError) return make(BillingErrorType.RateLimited, true);
  if (err instanceof E.StripeConnectionError) return make(BillingErrorType.Unavailable, true);
  if (err instanceof E.StripeIdempotencyError) return make(BillingErrorType.IdempotencyConflict, false);
  if (err instanceof E.StripeAuthenticationError) return make(BillingErrorType.Auth, false);
  if (err instanceof E.StripePermissionError) return make(BillingErrorType.PermissionDenied, false);
  if (err instanceof E.StripeCardError) return make(BillingErrorType.CardError, false);
  if (err.statusCode === 404 || err.code === 'resource_missing') return make(BillingErrorType.NotFound, false);
  // 409: a concurrent request with the same idempotency key is still in flight; its result is replayed later.
  if (err.statusCode === 409) return make(BillingErrorType.Conflict, true);
  if (err instanceof E.StripeInvalidRequestError) return make(BillingErrorType.InvalidRequest, false);
  if (err.statusCode === undefined || err.statusCode >= 500) return make(BillingErrorType.Unavailable, true);
  return make(BillingErrorType.Unknown, false);
}

// Auth errors may quote the key that was sent (masked by Stripe, verbatim by stripe-mock): never pass it on.
const KEY_LIKE = /\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9*]+|(?<=Bearer )[^\s'"`]+/g;
const redact = (message: string) => message.replace(KEY_LIKE, '[redacted]');

/**
 * The decline carried by a card error on `invoices.pay` (HTTP 402), as data; `undefined` for other errors. `decline_code` is the
 * issuer's reason (`insufficient_funds`, `lost_card`, …); without one, `code` names it (`expired_card`).
 * The payment method comes from the error or from the payment intent's last error: its fingerprint is what
 * the per-card network retry cap counts.
 */
export function declineFromStripeError(err: unknown, attemptedAt: number): PaymentAttempt | undefined {
  if (!isStripeError(err)) return undefined;
  // The invoice's payment needs the customer to authenticate (3DS) off session: a hard decline in all but name.
  const needsAction = err.code === 'invoice_payment_intent_requires_action';
  if (!(err instanceof Stripe.errors.StripeCardError) && !needsAction) return undefined;
  // The decline is data whatever the error carries: an unreadable intent or method only loses the card.
  const intent = stripePaymentIntentSchema.safeParse(err.payment_intent).data;
  const card = paymentCard(intent, undefined, stripePaymentMethodSchema.safeParse(err.payment_method).data);
  return {
    status: 'failed',
    declineCode: needsAction ? 'authentication_required' : err.decline_code || err.code || 'card_declined',
    ...compact({
      networkDeclineCode: err.network_decline_code ?? intent?.last_payment_error?.network_decline_code ?? undefined,
      networkAdviceCode: err.network_advice_code ?? intent?.last_payment_error?.network_advice_code ?? undefined,
      chargeId: err.charge,
    }),
    failureMessage: err.message,
    paymentMethodId: card.paymentMethodId,
    cardBrand: card.cardBrand,
    cardFingerprint: card.cardFingerprint,
    // A declined invoice stays open (Stripe only changes it on success, void or uncollectible).
    invoiceStatus: 'open',
    attemptedAt,
  };
}
