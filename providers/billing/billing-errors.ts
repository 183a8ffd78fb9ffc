/** Stable `BillingProviderError.type` codes, the same for every billing provider (Stripe, sandbox). */
export const BillingErrorType = {
  RateLimited: 'rate_limited',
  LockTimeout: 'lock_timeout',
  Unavailable: 'unavailable',
  Conflict: 'conflict',
  IdempotencyConflict: 'idempotency_conflict',
  Auth: 'auth',
  PermissionDenied: 'permission_denied',
  NotFound: 'not_found',
  InvalidRequest: 'invalid_request',
  InvoiceNotPayable: 'invoice_not_payable',
  InvoiceNotOpen: 'invoice_not_open',
  SubscriptionEnded: 'subscription_ended',
  CardError: 'card_error',
  /** The API answered with an object the mapping cannot read (a field missing or of another type). */
  InvalidResponse: 'invalid_response',
  Unknown: 'unknown',
} as const;

/** One of the billing port's error codes. */
export type BillingErrorType = (typeof BillingErrorType)[keyof typeof BillingErrorType];
