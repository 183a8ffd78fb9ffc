import { ProviderError } from '../provider-error';
import type { EmailErrorType } from './email-errors';

/** A fully rendered message, ready for a provider. */
export interface OutgoingEmail {
  /** workflow id + step index: the same key never sends twice. */
  idempotencyKey: string;
  from: string;
  /** Where the customer's answer goes (branding config), when not `from`. */
  replyTo?: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Template name (`cancellation_confirmation`, `team_memo`, …), used as a provider category. */
  template: string;
  /** Extra correlation facts carried to the provider (SendGrid custom args). */
  tags?: Record<string, string>;
}

export interface EmailDelivery {
  provider: 'outbox' | 'sendgrid';
  providerMessageId?: string;
}

/** Why a send failed, so activities can tell a transient fault from a hopeless one. */
export class EmailProviderError extends ProviderError<EmailErrorType> {
  constructor(
    message: string,
    type: EmailErrorType,
    retryable: boolean,
    /** The provider's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message, type, retryable);
  }
}

/** Hands a rendered email to a delivery system. The outbox provider just records it; SendGrid sends it. */
export interface EmailProvider {
  readonly name: 'outbox' | 'sendgrid';
  /** Sending the same idempotency key again delivers nothing new (the outbox): an interrupted send may be repeated. */
  readonly idempotent: boolean;
  /** The longest one send can take (the client's timeout): a claim older than this was interrupted. */
  readonly maxSendMs: number;
  send(email: OutgoingEmail): Promise<EmailDelivery>;
}

export { EmailErrorType } from './email-errors';
