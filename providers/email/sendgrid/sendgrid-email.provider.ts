import { MailService } from '@sendgrid/mail';
import { EmailErrorType } from '../email-errors';
import { EmailProviderError, type EmailDelivery, type EmailProvider, type OutgoingEmail } from '../email-provider';

/** Settings of the SendGrid adapter; `baseUrl` points it at a stand-in API in tests. */
export interface SendGridEmailProviderOptions {
  apiKey: string;
  /** Used when an email comes without its own `from`. */
  from?: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** SendGrid validates the request but delivers nothing (mail_settings.sandbox_mode). */
  sandboxMode?: boolean;
}

/** EmailProvider on SendGrid's v3 Mail Send API through @sendgrid/mail (its own MailService, not the singleton). */
export class SendGridEmailProvider implements EmailProvider {
  readonly name = 'sendgrid' as const;
  // SendGrid has no idempotent send: a repeated request is a second email.
  readonly idempotent = false;
  readonly maxSendMs: number;
  private readonly mail = new MailService();

  constructor(private readonly options: SendGridEmailProviderOptions) {
    this.mail.setApiKey(options.apiKey);
    // After setApiKey, which resets the base URL to the API's region host.
    if (options.baseUrl) clientOf(this.mail).setDefaultRequest('baseUrl', options.baseUrl);
    this.maxSendMs = options.timeoutMs ?? 15_000;
    this.mail.setTimeout(this.maxSendMs);
  }

  async send(email: OutgoingEmail): Promise<EmailDelivery> {
    if (email.to.length === 0) {
      // SendGrid's helpers send it anyway and the API answers 400: say why without the round trip.
      throw new EmailProviderError('Email has no recipients', EmailErrorType.InvalidEmail, false);
    }
    let response;
    try {
      [response] = await this.mail.send({
        from: email.from || this.options.from || '',
        to: email.to,
        ...(email.replyTo && { replyTo: email.replyTo }),
        subject: email.subject,
        // text first: RFC 2046 puts the preferred (richest) alternative last, and SendGrid requires this order.
        content: [
          { type: 'text/plain', value: email.text },
          { type: 'text/html', value: email.html },
        ],
        categories: [email.template],
        // The key lets SendGrid's event webhook be matched to the outbox row; it cannot be overridden by a tag.
        customArgs: { ...email.tags, template: email.template, idempotency_key: email.idempotencyKey },
        mailSettings: this.options.sandboxMode ? { sandboxMode: { enable: true } } : undefined,
      });
    } catch (err) {
      throw toEmailProviderError(err);
    }
    return { provider: 'sendgrid', providerMessageId: header(response.headers, 'x-message-id') };
  }
}

// MailService keeps its own Client (not the package singleton) but does not declare the field.
const clientOf = (mail: MailService) => (mail as unknown as { client: import('@sendgrid/client').Client }).client;

function header(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value ? value : undefined;
}

/** Network errors that happen before any byte of the request reaches SendGrid: sending again is safe. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * 400 (and other 4xx) mean this message will never be accepted; 401/403 a bad key; 429 and 5xx pass;
 * a connection that was never made (refused, no such host) is a retryable network fault; any other error
 * without an answer (timed out, reset, hung up) may come after SendGrid accepted the message, so its outcome
 * is unknown and it is never retried. Messages quote SendGrid's error list, never the request or the key.
 */
export function toEmailProviderError(err: unknown): EmailProviderError {
  const status = (err as { code?: unknown }).code;
  if ((err as { isAxiosError?: boolean }).isAxiosError && typeof status !== 'number') {
    const code = typeof status === 'string' ? ` (${status})` : '';
    if (typeof status === 'string' && NEVER_SENT.has(status)) {
      return new EmailProviderError(`SendGrid unreachable${code}`, EmailErrorType.Unavailable, true);
    }
    return new EmailProviderError(`SendGrid did not answer${code}: the email may have been sent`, EmailErrorType.OutcomeUnknown, false);
  }
  if (typeof status !== 'number') {
    // Refused by @sendgrid/helpers before any request (no recipient, bad field): resending cannot help.
    return new EmailProviderError(`SendGrid request invalid: ${(err as Error)?.message}`, EmailErrorType.InvalidEmail, false);
  }
  const body = (err as { response?: { body?: { errors?: Array<{ message?: string; field?: string | null }> } } }).response?.body;
  const details = (body?.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).filter(Boolean);
  const message = `SendGrid answered ${status}${details.length ? `: ${details.join('; ')}` : ''}`;
  if (status === 400) return new EmailProviderError(message, EmailErrorType.InvalidEmail, false, status);
  if (status === 401 || status === 403) return new EmailProviderError(message, EmailErrorType.Auth, false, status);
  if (status === 429) return new EmailProviderError(message, EmailErrorType.RateLimited, true, status);
  if (status >= 500) return new EmailProviderError(message, EmailErrorType.Unavailable, true, status);
  return new EmailProviderError(message, EmailErrorType.Rejected, false, status);
}
