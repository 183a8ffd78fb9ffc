import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { EmailEntity } from '../../../services/common/database/entities/email.entity';
import type { EmailStatus } from '../../../domain/statuses';
import { EmailErrorType } from '../email-errors';
import { EmailProviderError, type EmailProvider } from '../email-provider';

/** What one delivery call found or did: `unknown` means the provider may or may not have the email. */
export interface DeliveryResult {
  status: 'sent' | 'unknown';
  /** The row had already reached that status before this call. */
  duplicate: boolean;
}

/** Why an email cannot be resent by hand (it is not `unknown` or `failed`). */
export class EmailNotResendable extends Error {
  constructor(readonly status: EmailStatus) {
    super(`Only an email whose send failed or whose outcome is unknown can be resent; this one is ${status}`);
  }
}

const POLL_MS = 200;
/** Time between a claim and the provider call (reading the row), added to the provider's timeout. */
const CLAIM_MARGIN_MS = 5_000;

/**
 * The send protocol of the `emails` table, shared by the worker's mailer and the admin API's resend. An attempt
 * first claims the row (`sending`, committed), then calls the provider, then records `sent`, `failed` or
 * `unknown`. Because the claim is committed before the request leaves, an attempt that finds a `sending` row
 * older than the provider's timeout knows an earlier attempt was interrupted (a killed worker): for a provider
 * that is not idempotent (SendGrid) that send may have gone out, so the row becomes `unknown` and is never sent
 * again automatically; the outbox provider is idempotent and simply sends again. A younger claim is an attempt
 * still in flight beside this one (a timed-out activity and its retry): this one waits for its outcome.
 */
export class EmailOutbox {
  constructor(private readonly dataSource: DataSource, private readonly provider: EmailProvider) {}

  /** Sends the row unless an attempt already did or may have (automatic delivery from a run's step). */
  async deliver(id: string, tags: Record<string, string>): Promise<DeliveryResult> {
    // Bounded: each pass claims, returns, or waits one poll for a claim that is not stale yet.
    const staleAfterMs = this.provider.maxSendMs + CLAIM_MARGIN_MS;
    const passes = Math.ceil(staleAfterMs / POLL_MS) + 3;
    for (let pass = 0; pass < passes; pass++) {
      if (await this.claim(id, ['pending', 'failed'])) return this.send(id, tags);
      const row = await this.current(id);
      if (row.status === 'sent' || row.status === 'unknown') return { status: row.status, duplicate: true };
      if (row.status !== 'sending') continue; // changed under us: claim again
      if (row.ageMs <= staleAfterMs) {
        await delay(POLL_MS);
        continue;
      }
      // The attempt count fences the stale claim: a newer claim made meanwhile is left alone.
      if (this.provider.idempotent) {
        if (await this.claim(id, ['sending'], row.attempts)) return this.send(id, tags);
        continue;
      }
      await this.dataSource.manager.update(EmailEntity, { id, status: 'sending', attempts: row.attempts }, {
        status: 'unknown', error: 'An earlier send attempt was interrupted before its outcome was recorded: it may have been delivered',
      });
    }
    throw new Error(`Email ${id} stayed claimed by another send attempt`);
  }

  /** Sends an `unknown` or `failed` row again on an operator's request, recording who asked. */
  async resend(id: string, actor: string, tags: Record<string, string>): Promise<DeliveryResult | 'failed'> {
    const claimed = await this.claim(id, ['unknown', 'failed'], undefined, actor);
    if (!claimed) throw new EmailNotResendable((await this.current(id)).status);
    try {
      return await this.send(id, tags);
    } catch (err) {
      if (err instanceof EmailProviderError) return 'failed'; // recorded on the row, which the caller shows
      throw err;
    }
  }

  /** Moves the row to `sending` if it is in one of `from` (and, for a stale claim, still that claim). */
  private async claim(id: string, from: EmailStatus[], attempts?: number, resentBy?: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE emails SET status = 'sending', attempted_at = now(), attempts = attempts + 1,
         resent_by = coalesce($4, resent_by), resent_at = CASE WHEN $4::text IS NULL THEN resent_at ELSE now() END
       WHERE id = $1 AND status = ANY($2) AND ($3::int IS NULL OR attempts = $3) RETURNING id`,
      [id, from, attempts ?? null, resentBy ?? null],
    );
    return rowCount(rows) === 1;
  }

  /** The row's status, attempt count and the age of its last claim on the database's clock. */
  private async current(id: string): Promise<{ status: EmailStatus; attempts: number; ageMs: number }> {
    const [row]: { status: EmailStatus; attempts: number; age_ms: number | null }[] = await this.dataSource.query(
      `SELECT status, attempts, (extract(epoch FROM now() - attempted_at) * 1000)::float8 AS age_ms FROM emails WHERE id = $1`, [id]);
    if (!row) throw new Error(`Email ${id} does not exist`);
    return { status: row.status, attempts: row.attempts, ageMs: row.age_ms ?? Number.POSITIVE_INFINITY };
  }

  private async send(id: string, tags: Record<string, string>): Promise<DeliveryResult> {
    const row = await this.dataSource.manager.findOneByOrFail(EmailEntity, { id });
    const { manager } = this.dataSource;
    try {
      const delivery = await this.provider.send({
        idempotencyKey: row.idempotencyKey, from: row.from, ...(row.replyTo && { replyTo: row.replyTo }), to: row.to, subject: row.subject, html: row.html, text: row.text,
        template: row.template, tags,
      });
      // Whatever a concurrent attempt concluded meanwhile, an accepted send is the truth.
      await manager.update(EmailEntity, { id }, {
        status: 'sent', sentAt: new Date(), provider: delivery.provider, providerMessageId: delivery.providerMessageId ?? null, error: null,
      });
      return { status: 'sent', duplicate: false };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const unknown = err instanceof EmailProviderError && err.type === EmailErrorType.OutcomeUnknown;
      await manager.update(EmailEntity, { id, status: 'sending' }, { status: unknown ? 'unknown' : 'failed', error: message });
      if (unknown) return { status: 'unknown', duplicate: false };
      throw err;
    }
  }
}

// `UPDATE … RETURNING` through DataSource.query answers [rows, count] on PostgreSQL.
function rowCount(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[1] as number) : result.length;
}
