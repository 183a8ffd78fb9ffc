import type { DataSource } from 'typeorm';
import type { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { preparedStatement, queryPrepared } from '../../common/database/prepared-statement';

/** What dispatching wrote onto the event row. */
export type EventResult = Pick<BillingEventEntity, 'status' | 'kind' | 'subjectType' | 'subjectId' | 'matchedAutomationId' | 'matchedVersion' | 'explanation' | 'outcome' | 'error' | 'dispatchedAt'>;

const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));

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

const CLAIM = preparedStatement('outbox_claim', `WITH claimed AS (
     UPDATE outbox o SET available_at = now() + $2 * interval '1 millisecond'
       FROM (SELECT id FROM outbox WHERE available_at <= now() ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
      WHERE o.id = due.id
  RETURNING o.id, o.event_id, o.attempts, o.request_id, o.trace_context, o.available_at::text AS lease)
   SELECT * FROM claimed ORDER BY id`); // acceptance order

const COMPLETE = preparedStatement('outbox_complete', `WITH gone AS (DELETE FROM outbox WHERE id = $1 AND available_at = $2::timestamptz RETURNING event_id)
   UPDATE events e SET status = $3, kind = $4, subject_type = $5, subject_id = $6, matched_automation_id = $7, matched_version = $8,
          explanation = $9::jsonb, outcome = $10::jsonb, error = $11, dispatched_at = $12
     FROM gone WHERE e.id = gone.event_id RETURNING e.id`);

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
    return queryPrepared<LeasedRow>(this.dataSource.manager, CLAIM, [limit, leaseMs]);
  }

  /** Done: the row goes and the event gets its result, in one statement; false when the lease was lost. */
  async complete(row: LeasedRow, result: EventResult): Promise<boolean> {
    const done = await queryPrepared(this.dataSource.manager, COMPLETE,
      [row.id, row.lease, result.status, result.kind, result.subjectType, result.subjectId, result.matchedAutomationId, result.matchedVersion,
        json(result.explanation), json(result.outcome), result.error, result.dispatchedAt],
    );
    return done.length > 0;
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
