import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { normalizeStripeEvent } from '../../../domain/normalize';
import { appConfig } from '../../common/config/app.config';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { IngestService } from '../events/ingest.service';
import { verifyStripeSignature } from './stripe-signature';

/** What the endpoint answers Stripe: received, and whether it was a redelivery or an ignored type. */
export interface StripeWebhookAck {
  received: true;
  duplicate: boolean;
  ignored?: string;
}

/** Verifies, validates and stores one Stripe webhook delivery; dispatching happens later, from the outbox. */
@Injectable()
export class StripeWebhookService {
  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    private readonly ingest: IngestService,
  ) {}

  /** `parsed`: the body as Express's JSON parser read it from `rawBody` (saves parsing the bytes twice). */
  async receive(rawBody: Buffer | undefined, signature: string | undefined, parsed?: unknown): Promise<StripeWebhookAck> {
    const secrets = this.config.stripe.webhookSecrets;
    // Not the sender's fault: a 5xx makes Stripe retry until the secret is configured.
    if (secrets.length === 0) throw new ProblemException(problem(503, 'STRIPE_WEBHOOK_SECRETS is not configured: webhooks cannot be verified'));
    if (!rawBody) throw new ProblemException(problem(415, 'Send the signed event as a JSON body (Content-Type: application/json)'));
    const check = verifyStripeSignature(rawBody, signature, secrets, Date.now(), parsed);
    if (!check.ok) throw new ProblemException(problem(400, check.reason));
    // Normalizing here is validation only (the dispatcher normalizes again): reject now what could never dispatch.
    const result = normalizeStripeEvent(check.event);
    if (result.status === 'ignored') return { received: true, duplicate: false, ignored: result.reason };
    if (result.status === 'invalid') {
      throw new ProblemException(problem(400, 'The event has missing or mistyped fields', { errors: result.issues }));
    }
    const event = check.event as { id: string; type: string };
    const { duplicate } = await this.ingest.store({
      provider: 'stripe', providerEventId: event.id, type: event.type, payload: check.event as Record<string, unknown>, payloadJson: rawBody.toString('utf8'),
    });
    return { received: true, duplicate };
  }
}
