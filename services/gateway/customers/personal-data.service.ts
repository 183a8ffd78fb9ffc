import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { redactPersonalData } from '../../../domain/personal-data';
import { currentActor } from '../../common/audit/actor-context';
import { recordAudit } from '../../common/audit/record-audit';
import { conflict, notFound } from '../admin/problems';
import type { PersonalDataErasureResource } from './dto/personal-data-erasure.resource';

/** Customer ids as providers issue them (Stripe `cus_…`, the sandbox's, a generic system's own). */
const CUSTOMER_ID = /^[A-Za-z0-9_.:-]{1,255}$/;

interface RunRow { id: string; status: string; subject_id: string; invoice_id: string | null; subscription_id: string | null; trigger_event_id: string | null }

/**
 * Erases one customer's personal data from every store of the engine, in one transaction: the payloads and match
 * explanations of the events about them, their emails' recipients and bodies, the recipients in their run steps,
 * and their sandbox ledger rows. Runs stay (ids, status, amounts: the analytics). Refused while one of their runs
 * is going (it would go on writing to them): cancel those first.
 */
@Injectable()
export class PersonalDataService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async erase(customerId: string): Promise<PersonalDataErasureResource> {
    if (!CUSTOMER_ID.test(customerId)) throw notFound('customer', customerId);
    return this.dataSource.transaction(async (tx) => {
      const runs: RunRow[] = await tx.query(
        'SELECT id, status, subject_id, invoice_id, subscription_id, trigger_event_id FROM runs WHERE customer_id = $1 ORDER BY id FOR UPDATE', [customerId]);
      const running = runs.filter((r) => r.status === 'running').map((r) => r.id);
      if (running.length) throw conflict(`Customer ${customerId} has runs going (${running.join(', ')}): cancel them first (POST /v1/runs/{id}/cancel)`);
      const { events, addresses } = await eraseEvents(tx, customerId, runs);
      const sandbox = await eraseSandbox(tx, customerId);
      const emails = await count(tx, `UPDATE emails SET to_addresses = '{}', subject = '', html = '', text = ''
        WHERE (run_id = ANY($1) OR EXISTS (SELECT 1 FROM unnest(to_addresses) t WHERE lower(t) = ANY($2)))
          AND NOT (to_addresses = '{}' AND subject = '' AND html = '' AND text = '')`, [runs.map((r) => r.id), [...addresses, ...sandbox.addresses]]);
      const runSteps = await count(tx, `UPDATE run_steps SET detail = detail #- '{email,to}' WHERE run_id = ANY($1) AND detail -> 'email' ? 'to'`, [runs.map((r) => r.id)]);
      // Outbound email.sent events name the recipients too (sent or still queued).
      await tx.query(`UPDATE webhook_deliveries SET body = body #- '{data,to}' WHERE run_id = ANY($1) AND body -> 'data' ? 'to'`, [runs.map((r) => r.id)]);
      if (!runs.length && !events.found && !emails && !sandbox.found) throw notFound('customer', customerId);
      const counts = { events: events.erased, emails, runSteps, sandboxRows: sandbox.erased, runsKept: runs.length };
      await recordAudit(tx, 'customer.personal_data_erased', customerId, counts);
      return { customerId, erasedAt: new Date().toISOString(), erasedBy: currentActor(), ...counts };
    });
  }
}

/** The events that name the customer, or are about a subject of their runs, or started one of them. */
async function eraseEvents(tx: EntityManager, customerId: string, runs: RunRow[]) {
  const subjects = [customerId, ...runs.flatMap((r) => [r.subject_id, r.invoice_id, r.subscription_id])].filter((s): s is string => Boolean(s));
  const params = [customerId, subjects, runs.map((r) => r.trigger_event_id).filter(Boolean)];
  const about = 'strpos(e.payload::text, to_jsonb($1::text)::text) > 0 OR e.subject_id = ANY($2) OR e.id = ANY($3::uuid[])';
  // Outbox rows first, in the dispatcher's own lock order (outbox, then event): a dispatch in flight finishes
  // before the erasure reads its event, so it cannot write the event's explanation back afterwards.
  await tx.query(`SELECT o.id FROM outbox o JOIN events e ON e.id = o.event_id WHERE ${about} FOR UPDATE OF o`, params);
  const rows: { id: string; payload: unknown; explanation: unknown }[] = await tx.query(
    `SELECT e.id, e.payload, e.explanation FROM events e WHERE ${about} FOR UPDATE`, params);
  // Not dispatched yet: no run starts from an erased customer's event.
  await tx.query(`WITH gone AS (DELETE FROM outbox WHERE event_id = ANY($1::uuid[]) RETURNING event_id)
    UPDATE events SET status = 'ignored', outcome = '{"reason": "personal data erased before dispatch"}' WHERE id IN (SELECT event_id FROM gone)`,
  [rows.map((r) => r.id)]);
  const addresses = new Set<string>();
  let erased = 0;
  for (const row of rows) {
    const redacted = redactPersonalData(row.payload);
    redacted.emails.forEach((a) => addresses.add(a));
    if (redacted.erased === 0 && row.explanation === null) continue;
    await tx.query('UPDATE events SET payload = $2, explanation = NULL WHERE id = $1', [row.id, JSON.stringify(redacted.payload)]);
    erased++;
  }
  return { events: { found: rows.length, erased }, addresses };
}

/** The sandbox ledger's customer, and the metadata of their invoices and subscriptions (empty outside the sandbox). */
async function eraseSandbox(tx: EntityManager, customerId: string) {
  const [customer]: { email: string | null }[] = await tx.query('SELECT email FROM sandbox_customers WHERE id = $1 FOR UPDATE', [customerId]);
  const customerRows = await count(tx, `UPDATE sandbox_customers SET email = NULL, name = NULL, metadata = '{}', updated_at = now()
    WHERE id = $1 AND (email IS NOT NULL OR name IS NOT NULL OR metadata <> '{}')`, [customerId]);
  const others = await count(tx, `WITH i AS (UPDATE sandbox_invoices SET metadata = '{}' WHERE customer_id = $1 AND metadata <> '{}' RETURNING 1),
      s AS (UPDATE sandbox_subscriptions SET metadata = '{}' WHERE customer_id = $1 AND metadata <> '{}' RETURNING 1)
    SELECT (SELECT count(*) FROM i) + (SELECT count(*) FROM s) AS n`, [customerId], true);
  return { found: Boolean(customer), erased: customerRows + others, addresses: customer?.email ? [customer.email.toLowerCase()] : [] };
}

/** Rows a statement changed: `UPDATE … RETURNING`-less statements counted through a CTE, or a query that says `n`. */
async function count(tx: EntityManager, sql: string, params: unknown[], selectsCount = false): Promise<number> {
  const query = selectsCount ? sql : `WITH done AS (${sql} RETURNING 1) SELECT count(*) AS n FROM done`;
  const [row] = (await tx.query(query, params)) as { n: string }[];
  return Number(row.n);
}
