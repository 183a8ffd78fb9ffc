import type { EmailDelivery, EmailProvider, OutgoingEmail } from '../email-provider';

/**
 * The default email provider: the `emails` row the Mailer wrote before calling it is the delivery (listed by
 * `GET /v1/emails`), so there is nothing to send and nothing that can fail.
 */
export class OutboxEmailProvider implements EmailProvider {
  readonly name = 'outbox' as const;
  readonly idempotent = true;
  readonly maxSendMs = 0;

  async send(email: OutgoingEmail): Promise<EmailDelivery> {
    return { provider: 'outbox', providerMessageId: `outbox:${email.idempotencyKey}` };
  }
}
