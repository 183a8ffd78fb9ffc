/** Stable `EmailProviderError.type` codes, the same for every email provider. */
export const EmailErrorType = {
  InvalidEmail: 'invalid_email',
  Auth: 'auth',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
  Rejected: 'rejected',
} as const;

/** One of the email port's error codes. */
export type EmailErrorType = (typeof EmailErrorType)[keyof typeof EmailErrorType];
