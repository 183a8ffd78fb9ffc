import { ProviderError } from '../provider-error';

/** Stable `WebhookSendError.type` codes of the outbound webhook sender. */
export const WebhookSendErrorType = {
  /** The outbound-target rules refuse the URL or an address its host resolves to. */
  RefusedTarget: 'refused_target',
  /** The receiver answered a 4xx other than 408/429, or a redirect. */
  Rejected: 'rejected',
  /** Unreachable, timed out, 408, 429 or 5xx: try again. */
  Unavailable: 'unavailable',
} as const;

/** One of the sender's error codes. */
export type WebhookSendErrorType = (typeof WebhookSendErrorType)[keyof typeof WebhookSendErrorType];

/** A failed send; `status` is the receiver's answer when there was one. */
export class WebhookSendError extends ProviderError<WebhookSendErrorType> {
  constructor(type: WebhookSendErrorType, message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, type, type === WebhookSendErrorType.Unavailable, options);
  }
}
