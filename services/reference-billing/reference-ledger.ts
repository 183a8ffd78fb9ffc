import type { Pool, PoolClient } from 'pg';

/*
 * The reference billing system's own ledger, in a PostgreSQL schema of its own (`reference_billing`, created on
 * start): objects as the generic event format describes them, a scripted outcome per payment method, every
 * action the engine asked for under its idempotency key, and the events to send back to the engine.
 * An adapter for a real billing system replaces this file with calls to that system's API.
 */

export const LEDGER_SCHEMA = 'reference_billing';

/** The kinds of objects the ledger keeps, as named in the contract's paths. */
export const LEDGER_KINDS = ['customers', 'invoices', 'subscriptions', 'payment-methods'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** An object as stored: its generic-format body, plus (payment methods) the outcome its charges get. */
export interface LedgerObject {
  body: Record<string, unknown>;
  /** `{ decline_code, declines }`: decline with that code (`declines` times, then pay; unset: always). */
  script: { decline_code?: string; declines?: number } | null;
}

/** One action the engine asked for, as answered (replayed for the same key). */
export interface LedgerAction {
  idempotency_key: string;
  operation: string;
  object_id: string;
  status: number;
  answer: Record<string, unknown>;
  created_at: string;
}

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${LEDGER_SCHEMA};
CREATE TABLE IF NOT EXISTS ${LEDGER_SCHEMA}.objects (
  kind text NOT NULL, id text NOT NULL, body jsonb NOT NULL, script jsonb, updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id));
CREATE TABLE IF NOT EXISTS ${LEDGER_SCHEMA}.actions (
  idempotency_key text PRIMARY KEY, operation text NOT NULL, object_id text NOT NULL, status int NOT NULL,
  answer jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS ${LEDGER_SCHEMA}.outgoing_events (
  id text PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz, attempts int NOT NULL DEFAULT 0);`;

/** The ledger over a pool; `transaction` serialises actions on one object with row locks. */
export class ReferenceLedger {
  constructor(readonly pool: Pool) {}

  /** Creates the schema and tables when missing (idempotent). */
  async migrate(): Promise<void> {
    // Two servers starting at once must not race on CREATE: one advisory lock for the DDL.
    await this.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('${LEDGER_SCHEMA}'))`);
      await tx.query(DDL);
    });
  }

  async transaction<T>(fn: (tx: PoolClient) => Promise<T>): Promise<T> {
    const tx = await this.pool.connect();
    try {
      await tx.query('BEGIN');
      const result = await fn(tx);
      await tx.query('COMMIT');
      return result;
    } catch (err) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      tx.release();
    }
  }

  async get(kind: LedgerKind, id: string, tx: Pick<Pool, 'query'> = this.pool, lock = false): Promise<LedgerObject | undefined> {
    const { rows } = await tx.query(`SELECT body, script FROM ${LEDGER_SCHEMA}.objects WHERE kind = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [kind, id]);
    return rows[0] as LedgerObject | undefined;
  }

  /** The payment methods whose `customer_id` is the customer's, newest first (by `created_at`, then by id). */
  async paymentMethodsOf(customerId: string): Promise<Record<string, unknown>[]> {
    const { rows } = await this.pool.query(
      `SELECT body FROM ${LEDGER_SCHEMA}.objects WHERE kind = 'payment-methods' AND body->>'customer_id' = $1 ORDER BY body->>'created_at' DESC NULLS LAST, id`,
      [customerId],
    );
    return rows.map((r: { body: Record<string, unknown> }) => r.body);
  }

  async put(kind: LedgerKind, id: string, body: Record<string, unknown>, script?: LedgerObject['script'], tx: Pick<Pool, 'query'> = this.pool): Promise<void> {
    await tx.query(
      `INSERT INTO ${LEDGER_SCHEMA}.objects (kind, id, body, script) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, id) DO UPDATE SET body = EXCLUDED.body, script = COALESCE(EXCLUDED.script, ${LEDGER_SCHEMA}.objects.script), updated_at = now()`,
      [kind, id, JSON.stringify(body), script === undefined ? null : JSON.stringify(script)],
    );
  }

  async setScript(id: string, script: LedgerObject['script'], tx: Pick<Pool, 'query'>): Promise<void> {
    await tx.query(`UPDATE ${LEDGER_SCHEMA}.objects SET script = $2 WHERE kind = 'payment-methods' AND id = $1`, [id, JSON.stringify(script)]);
  }

  async action(key: string, tx: Pick<Pool, 'query'> = this.pool): Promise<LedgerAction | undefined> {
    const { rows } = await tx.query(`SELECT * FROM ${LEDGER_SCHEMA}.actions WHERE idempotency_key = $1`, [key]);
    return rows[0] as LedgerAction | undefined;
  }

  async recordAction(action: Omit<LedgerAction, 'created_at'>, tx: Pick<Pool, 'query'>): Promise<void> {
    await tx.query(
      `INSERT INTO ${LEDGER_SCHEMA}.actions (idempotency_key, operation, object_id, status, answer) VALUES ($1, $2, $3, $4, $5)`,
      [action.idempotency_key, action.operation, action.object_id, action.status, JSON.stringify(action.answer)],
    );
  }

  /** Every action, oldest first (the ledger's log: charges, cancellations, marks). */
  async actions(): Promise<LedgerAction[]> {
    const { rows } = await this.pool.query(`SELECT * FROM ${LEDGER_SCHEMA}.actions ORDER BY created_at, idempotency_key`);
    return rows as LedgerAction[];
  }

  async queueEvent(id: string, body: Record<string, unknown>, tx: Pick<Pool, 'query'>): Promise<void> {
    await tx.query(`INSERT INTO ${LEDGER_SCHEMA}.outgoing_events (id, body) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, JSON.stringify(body)]);
  }

  async pendingEvents(limit = 20): Promise<{ id: string; body: Record<string, unknown> }[]> {
    const { rows } = await this.pool.query(
      `SELECT id, body FROM ${LEDGER_SCHEMA}.outgoing_events WHERE sent_at IS NULL ORDER BY created_at, id LIMIT $1`, [limit]);
    return rows as { id: string; body: Record<string, unknown> }[];
  }

  async markEvent(id: string, sent: boolean): Promise<void> {
    await this.pool.query(
      `UPDATE ${LEDGER_SCHEMA}.outgoing_events SET attempts = attempts + 1, sent_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE id = $1`, [id, sent]);
  }
}
