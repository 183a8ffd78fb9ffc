import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { nextDeliveryAttempt } from '../../../domain/webhooks/delivery-schedule';
import { signingSecrets } from '../../../domain/webhooks/signing-secrets';
import { WebhookSender, WebhookSendError, WebhookSendErrorType } from '../../../providers/webhooks/webhook-sender';
import { appConfig } from '../../common/config/app.config';

/** How often the loop looks for due deliveries. */
const POLL_MS = 1_000;
/** At most this many sends per endpoint at once, so a slow or dead endpoint only ever holds up its own. */
const PER_ENDPOINT = 4;
/** A claimed delivery is not claimed again (by this or another gateway) for this long: longer than any send. */
const LEASE_S = 120;

interface Claimed {
  id: string; endpoint_id: string; url: string; message_id: string; body: unknown; attempts: number; first_attempt_at: Date | null;
  secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null;
}

/**
 * Sends the delivery outbox (`webhook_deliveries`) to registered endpoints, signed as Standard Webhooks with every live
 * secret of the endpoint. Each gateway runs the loop; claims are row leases (`FOR UPDATE SKIP LOCKED`, then
 * `next_attempt_at` moved past the send), so gateways share the work and a crash only delays a message. A failed
 * attempt is retried on `nextDeliveryAttempt`'s backoff; a delivery out of its window fails and its endpoint turns
 * `failing` (its pending and new events held) until re-enabled through the API. Runs never wait for any of it.
 */
@Injectable()
export class WebhookDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly sender: WebhookSender;
  private readonly busy = new Map<string, number>();
  private readonly sends = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>) {
    this.sender = new WebhookSender({ allowedHosts: config.outboundAllowedHosts });
  }

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      this.deliverDue().catch((err: unknown) => this.logger.warn({ err }, 'Webhook delivery poll failed'))
        .finally(() => { if (!this.stopped) this.timer = setTimeout(tick, POLL_MS); });
    };
    this.timer = setTimeout(tick, POLL_MS);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.sends]); // each ends within the sender's timeout
  }

  /**
   * Claims the deliveries due at `now` (up to PER_ENDPOINT per endpoint, minus its sends under way) and starts
   * sending them; resolves when they are claimed, with the sends (tests await those).
   */
  async deliverDue(now = new Date()): Promise<Promise<void>[]> {
    const busy = [...this.busy].filter(([, n]) => n >= PER_ENDPOINT).map(([id]) => id);
    // An UPDATE … RETURNING answers [rows, count] through TypeORM's pg driver.
    const [claimed] = (await this.dataSource.query(
      `UPDATE webhook_deliveries d SET next_attempt_at = $1::timestamptz + make_interval(secs => ${LEASE_S})
         FROM (SELECT c.id, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at
                 FROM webhook_endpoints e
                 CROSS JOIN LATERAL (SELECT x.id FROM webhook_deliveries x
                   WHERE x.endpoint_id = e.id AND x.status = 'pending' AND x.next_attempt_at <= $1
                   ORDER BY x.next_attempt_at, x.id LIMIT ${PER_ENDPOINT} FOR UPDATE SKIP LOCKED) c
                WHERE e.enabled AND e.status = 'active' AND NOT (e.id = ANY($2::uuid[]))) due
        WHERE d.id = due.id
        RETURNING d.id, d.endpoint_id, due.url, d.message_id, d.body, d.attempts, d.first_attempt_at, due.secret, due.previous_secret, due.previous_secret_expires_at`,
      [now, busy])) as [Claimed[], number];
    return claimed.map((c) => this.track(c, this.attempt(c, now)));
  }

  private track(c: Claimed, send: Promise<void>): Promise<void> {
    this.busy.set(c.endpoint_id, (this.busy.get(c.endpoint_id) ?? 0) + 1);
    const done = send.catch((err: unknown) => this.logger.warn({ err, deliveryId: c.id }, 'Webhook delivery bookkeeping failed')).finally(() => {
      const left = (this.busy.get(c.endpoint_id) ?? 1) - 1;
      if (left > 0) this.busy.set(c.endpoint_id, left); else this.busy.delete(c.endpoint_id);
      this.sends.delete(done);
    });
    this.sends.add(done);
    return done;
  }

  private async attempt(c: Claimed, now: Date): Promise<void> {
    const secrets = signingSecrets({ secret: c.secret, previousSecret: c.previous_secret, previousSecretExpiresAt: c.previous_secret_expires_at?.getTime() }, Date.now());
    const first = c.first_attempt_at ?? now;
    try {
      const { status } = await this.sender.send({ url: c.url, messageId: c.message_id, body: JSON.stringify(c.body), secrets });
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, first_attempt_at = $2, last_attempt_at = $3, delivered_at = $3,
           last_status = $4, last_error = NULL WHERE id = $1`, [c.id, first, now, status]);
    } catch (err) {
      const failure = err instanceof WebhookSendError ? err : new WebhookSendError(WebhookSendErrorType.Unavailable, String(err));
      await this.failed(c, first, now, failure);
    }
  }

  /** Books a failed attempt: the next one on the backoff, or — out of the window — the delivery fails and the endpoint turns failing. */
  private async failed(c: Claimed, first: Date, now: Date, err: WebhookSendError): Promise<void> {
    const next = nextDeliveryAttempt(c.attempts + 1, first.getTime(), now.getTime());
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_deliveries SET status = $2, attempts = attempts + 1, first_attempt_at = $3, last_attempt_at = $4, next_attempt_at = $5,
           last_status = $6, last_error = $7 WHERE id = $1`,
        [c.id, 'giveUp' in next ? 'failed' : 'pending', first, now, 'giveUp' in next ? now : new Date(next.retryAt), err.status ?? null, err.message.slice(0, 1000)]);
      if (!('giveUp' in next)) return;
      await tx.query(`UPDATE webhook_endpoints SET status = 'failing', failing_since = $2 WHERE id = $1 AND status = 'active'`, [c.endpoint_id, now]);
      await tx.query(`UPDATE webhook_deliveries SET status = 'held' WHERE endpoint_id = $1 AND status = 'pending'`, [c.endpoint_id]);
      this.logger.warn({ endpointId: c.endpoint_id, deliveryId: c.id }, 'Webhook endpoint failing: a delivery ran out of its retry window');
    });
  }
}
