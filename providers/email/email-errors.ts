/** Stable `EmailProviderError.type` codes, the same for every email provider. */
export const EmailErrorType = {
  InvalidEmail: 'invalid_email',
  Auth: 'auth',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  Rejected: 'rejected',
  /** The request left but no answer came (timeout, reset): it may have been delivered, so it is never retried. */
  OutcomeUnknown: 'outcome_unknown',
} as const;

/** One of the email port's error codes. */
export type EmailErrorType = (typeof EmailErrorType)[keyof typeof EmailErrorType];
