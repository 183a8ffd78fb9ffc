import type { WebhookEmitter } from '../../../activities/deps';
import { runFailure, RunFailureType } from '../../../activities/errors';
import { eventBody } from '../../../domain/webhooks/run-events';
import { messageIdOf } from '../../../providers/webhooks/message-id';
import { WebhookSender, WebhookSendError, type WebhookSenderOptions } from '../../../providers/webhooks/webhook-sender';

export interface HttpWebhookEmitterOptions extends WebhookSenderOptions {
  /** WEBHOOK_SIGNING_SECRET: a `whsec_…` key, or any other string used as raw bytes. */
  secret: string;
}

/**
 * The `emit_webhook` step: the custom event as the registered endpoints get theirs — a Standard Webhooks POST of
 * `{type, timestamp, data}` through the same sender and outbound-target rules — plus the step's key as
 * `Idempotency-Key`, the `webhook-id` made from it, so the receiver can drop the redeliveries Temporal's retries
 * cause. A refusal (4xx, redirect, a refused target) fails the step for good; other faults are retried.
 */
export class HttpWebhookEmitter implements WebhookEmitter {
  private readonly sender: WebhookSender;

  constructor(private readonly options: HttpWebhookEmitterOptions) {
    this.sender = new WebhookSender(options);
  }

  async emit({ idempotencyKey, url, eventType, payload }: Parameters<WebhookEmitter['emit']>[0]): Promise<{ status: number }> {
    const at = (this.options.now ?? Date.now)();
    const body = JSON.stringify(eventBody({ type: eventType, at, data: payload ?? null }));
    try {
      return await this.sender.send({ url, messageId: messageIdOf(idempotencyKey), body, secrets: [this.options.secret], timestamp: new Date(at), headers: { 'idempotency-key': idempotencyKey } });
    } catch (err) {
      if (err instanceof WebhookSendError && !err.retryable) throw runFailure(RunFailureType.WebhookRejected, err.message, err.status === undefined ? undefined : { status: err.status });
      throw err;
    }
  }
}
