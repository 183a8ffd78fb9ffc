import type { DataSource, EntityManager } from 'typeorm';
import type { RetentionStore } from '../../../activities/retention.activities';
import type { PruneCounts, RetentionCutoffs } from '../../../domain/retention';

/** What a pruned event's payload becomes (the row stays, so a redelivery of the event is still recognised). */
export const PRUNED_PAYLOAD = '{"pruned": true}';

/** Runs that have not ended still need their trigger event, their subject's events, their emails and attempts. */
const RUNNING = `SELECT 1 FROM runs r WHERE r.status = 'running'`;

/**
 * The retention prune over PostgreSQL, one bounded batch per call ($1 the cutoff, $2 the batch size), each
 * batch its own transaction. Rows are taken with SKIP LOCKED, so a prune never waits on (or blocks) the
 * dispatcher's outbox batch or a run's writes. The partial indexes of the retention migration keep each batch
 * from rescanning what earlier prunes already emptied.
 */
const STATEMENTS: Record<keyof PruneCounts, { cutoff: keyof RetentionCutoffs; sql: string }> = {
  // Never dispatched within the retention period: the event ends `failed`, no run starts from it any more.
  outboxRows: {
    cutoff: 'data',
    sql: `WITH expired AS (
        DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE created_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING event_id),
      marked AS (
        UPDATE events SET status = 'failed', error = 'not dispatched within RETENTION_DAYS: expired by the retention prune'
        WHERE id IN (SELECT event_id FROM expired) AND status = 'received' RETURNING 1)
      SELECT (SELECT count(*) FROM expired) AS n, (SELECT count(*) FROM marked) AS marked`,
  },
  // The payload and the match explanation (it quotes the values seen) go; type, subject, status and outcome stay.
  eventPayloads: {
    cutoff: 'data',
    // The running runs' subjects once per batch (a hashed anti-join), not once per candidate event.
    sql: `WITH live AS MATERIALIZED (
        SELECT DISTINCT s FROM runs r, unnest(ARRAY[r.subject_id, r.invoice_id, r.subscription_id, r.customer_id]) AS s
        WHERE r.status = 'running' AND s IS NOT NULL),
      done AS (UPDATE events SET payload = '${PRUNED_PAYLOAD}'::jsonb, explanation = NULL WHERE id IN (
        SELECT e.id FROM events e
        WHERE e.received_at < $1 AND e.payload <> '${PRUNED_PAYLOAD}'::jsonb
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_id = e.id)
          AND NOT EXISTS (${RUNNING} AND r.trigger_event_id = e.id)
          AND NOT EXISTS (SELECT 1 FROM live WHERE live.s = e.subject_id)
        ORDER BY e.received_at LIMIT $2 FOR UPDATE OF e SKIP LOCKED) RETURNING 1)
      SELECT count(*) AS n FROM done`,
  },
  // The rendered bodies go; template, recipients, subject, status and times stay for the run's story.
  emailBodies: {
    cutoff: 'data',
    sql: `WITH done AS (UPDATE emails SET html = '', text = '' WHERE id IN (
        SELECT m.id FROM emails m
        WHERE m.created_at < $1 AND (m.html <> '' OR m.text <> '') AND NOT EXISTS (${RUNNING} AND r.id = m.run_id)
        ORDER BY m.created_at LIMIT $2 FOR UPDATE OF m SKIP LOCKED) RETURNING 1)
      SELECT count(*) AS n FROM done`,
  },
  // The card's latest "never on this card" decline is what blocks it (CardAttemptStore): it stays whatever its age.
  cardAttempts: {
    cutoff: 'cardAttempts',
    sql: `WITH done AS (DELETE FROM card_attempts WHERE id IN (
        SELECT a.id FROM card_attempts a
        WHERE a.attempted_at < $1 AND NOT EXISTS (${RUNNING} AND r.id = a.run_id)
          AND (a.decline_class IS DISTINCT FROM 'never_on_this_card' OR EXISTS (SELECT 1 FROM card_attempts b
            WHERE b.fingerprint = a.fingerprint AND b.decline_class = 'never_on_this_card' AND (b.created_at, b.id) > (a.created_at, a.id)))
        ORDER BY a.attempted_at LIMIT $2 FOR UPDATE OF a SKIP LOCKED) RETURNING 1)
      SELECT count(*) AS n FROM done`,
  },
};

/** The retention store the worker's prune activity uses. */
export class PostgresRetention implements RetentionStore {
  constructor(private readonly dataSource: DataSource) {}

  async pruneBatch(cutoffs: RetentionCutoffs, batchSize: number): Promise<PruneCounts> {
    // The outbox first: an expired outbox row no longer holds back its event's payload in the same batch.
    const counts = { outboxRows: 0, eventPayloads: 0, emailBodies: 0, cardAttempts: 0 };
    for (const kind of Object.keys(counts) as (keyof PruneCounts)[]) {
      const { cutoff, sql } = STATEMENTS[kind];
      counts[kind] = await this.dataSource.transaction((tx) => count(tx, sql, new Date(cutoffs[cutoff]), batchSize));
    }
    return counts;
  }
}

async function count(tx: EntityManager, sql: string, cutoff: Date, batchSize: number): Promise<number> {
  const [row] = (await tx.query(sql, [cutoff, batchSize])) as { n: string }[];
  return Number(row.n);
}
