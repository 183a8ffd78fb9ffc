import type { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';

/** An outbox row claimed by this dispatcher until `lease` (its `available_at`, exact to the microsecond). */
export interface LeasedRow {
  id: string;
  event_id: string;
  attempts: number;
  request_id: string | null;
  trace_context: Record<string, string> | null;
  /** The claim's token: `available_at` as PostgreSQL wrote it; a row re-claimed by someone else has another. */
  lease: string;
}

/**
 * Outbox claims without a transaction held across network calls: one statement moves due rows' `available_at`
 * a lease ahead (`FOR UPDATE SKIP LOCKED`: two dispatchers never claim the same row), so other dispatchers
 * skip them until the lease ends (a crashed dispatcher's rows come back then). Every later write is
 * conditional on the lease still being ours, so a dispatcher that outlived its lease changes nothing.
 */
export class OutboxLeases {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims up to `limit` due rows for `leaseMs`, oldest first. */
  async claim(limit: number, leaseMs: number): Promise<LeasedRow[]> {
    // A bare UPDATE … RETURNING comes back from TypeORM as [rows, count]: the CTE makes it a plain result.
    return this.dataSource.query(
      `WITH claimed AS (
         UPDATE outbox o SET available_at = now() + $2 * interval '1 millisecond'
           FROM (SELECT id FROM outbox WHERE available_at <= now() ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
          WHERE o.id = due.id
      RETURNING o.id, o.event_id, o.attempts, o.request_id, o.trace_context, o.available_at::text AS lease)
       SELECT * FROM claimed ORDER BY id`, // acceptance order
      [limit, leaseMs],
    );
  }

  /** Done: the row goes and the event gets its result, in one transaction; false when the lease was lost. */
  async complete(row: LeasedRow, update: QueryDeepPartialEntity<BillingEventEntity>): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const gone: unknown[] = await tx.query('WITH gone AS (DELETE FROM outbox WHERE id = $1 AND available_at = $2::timestamptz RETURNING id) SELECT id FROM gone', [row.id, row.lease]);
      if (gone.length === 0) return false;
      await tx.update(BillingEventEntity, { id: row.event_id }, update);
      return true;
    });
  }

  /** Try again at `availableAt`, with the attempt counted; false when the lease was lost. */
  async retryAt(row: LeasedRow, availableAt: Date, attempts: number, lastError: string): Promise<boolean> {
    const changed: unknown[] = await this.dataSource.query(
      `WITH changed AS (UPDATE outbox SET attempts = $3, available_at = $4, last_error = $5 WHERE id = $1 AND available_at = $2::timestamptz RETURNING id) SELECT id FROM changed`,
      [row.id, row.lease, attempts, availableAt, lastError],
    );
    return changed.length > 0;
  }

  /** Gives claimed rows back untried (stopping, or the batch met an outage): due again now, no attempt counted. */
  async release(rows: readonly LeasedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox o SET available_at = now() FROM unnest($1::bigint[], $2::timestamptz[]) AS r(id, lease) WHERE o.id = r.id AND o.available_at = r.lease`,
      [rows.map((r) => r.id), rows.map((r) => r.lease)],
    );
  }
}
