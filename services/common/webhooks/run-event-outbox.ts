import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { eventBody, runEventsOf, subscribes, type RecordContext, type RecordedFact, type RunRef } from '../../../domain/webhooks/run-events';
import { messageIdOf } from '../../../providers/webhooks/message-id';
import { WebhookDeliveryEntity } from '../database/entities/webhook-delivery.entity';

/** An endpoint that takes events now: enabled; a failing one gets them `held` until it is re-enabled. */
interface LiveEndpoint { id: string; event_types: string[]; status: string }

/** One message to queue for every endpoint subscribed to its type. */
export interface QueuedMessage {
  messageId: string;
  type: string;
  runId: string | null;
  body: Record<string, unknown>;
}

/** Writes `messages` into the delivery outbox in the caller's transaction, once per endpoint and message id. */
export async function queueMessages(tx: EntityManager, messages: QueuedMessage[], endpoints?: LiveEndpoint[]): Promise<number> {
  if (!messages.length) return 0;
  const live = endpoints ?? (await liveEndpoints(tx));
  const rows = messages.flatMap((m) => live.filter((e) => subscribes(e.event_types, m.type)).map((e) => ({
    endpointId: e.id, messageId: m.messageId, eventType: m.type, runId: m.runId, body: m.body, status: e.status === 'failing' ? 'held' as const : 'pending' as const,
  })));
  if (!rows.length) return 0;
  await tx.createQueryBuilder().insert().into(WebhookDeliveryEntity).values(rows as QueryDeepPartialEntity<WebhookDeliveryEntity>[]).orIgnore().execute();
  return rows.length;
}

async function liveEndpoints(tx: EntityManager): Promise<LiveEndpoint[]> {
  return tx.query('SELECT id, event_types, status FROM webhook_endpoints WHERE enabled');
}

/**
 * Applies one run record (`apply`, the projection's writes) and queues the outbound events it means in the same
 * transaction: an event is queued exactly when its record is stored. Nothing is sent here — the gateway's
 * delivery loop does that — so an endpoint, dead or slow, never holds up the run. Without a live endpoint it
 * costs one query.
 */
export async function withRunEvents<T>(tx: EntityManager, record: RecordedFact & { workflowId: string }, apply: () => Promise<T>): Promise<T> {
  const endpoints = await liveEndpoints(tx);
  if (!endpoints.length) return apply();
  const context: RecordContext = {};
  if (record.type === 'step_started' || record.type === 'outcome') context.openRetryStep = await openRetryStep(tx, record.workflowId);
  const result = await apply();
  const run = await runRef(tx, record.workflowId);
  if (!run) return result;
  if (record.type === 'attempt') {
    const [row] = await tx.query('SELECT attempt FROM run_steps WHERE idempotency_key = $1', [record.idempotencyKey]) as { attempt: number }[];
    context.attemptNumber = row?.attempt;
  }
  const events = runEventsOf(record, run, context);
  await queueMessages(tx, events.map((e) => ({ messageId: messageIdOf(e.key), type: e.type, runId: run.runId, body: eventBody(e) })), endpoints);
  return result;
}

/** The run's retry_payment step still under way, with its failed attempts so far. */
async function openRetryStep(tx: EntityManager, runId: string): Promise<RecordContext['openRetryStep']> {
  const [row] = await tx.query(
    `SELECT s.step_index, (SELECT count(*) FROM run_steps a WHERE a.run_id = s.run_id AND a.step_index = s.step_index AND a.attempt > 0 AND a.status = 'failed') AS failed
       FROM run_steps s WHERE s.run_id = $1 AND s.attempt = 0 AND s.type = 'retry_payment' AND s.ended_at IS NULL ORDER BY s.step_index DESC LIMIT 1`, [runId]) as { step_index: number; failed: string }[];
  return row && { stepIndex: row.step_index, failedAttempts: Number(row.failed) };
}

async function runRef(tx: EntityManager, runId: string): Promise<RunRef | undefined> {
  const [r] = await tx.query(
    `SELECT id, automation_id, automation_version, subject_type, subject_id, customer_id, invoice_id, subscription_id, amount_due, currency FROM runs WHERE id = $1`, [runId]);
  return r && {
    runId: r.id, automationId: r.automation_id, automationVersion: r.automation_version, subjectType: r.subject_type, subjectId: r.subject_id,
    customerId: r.customer_id, invoiceId: r.invoice_id, subscriptionId: r.subscription_id, amountDue: r.amount_due === null ? null : Number(r.amount_due), currency: r.currency,
  };
}
