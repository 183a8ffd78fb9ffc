import { describeRetryReason, type RetryReason } from '../card-network/retry-reason';
import type { RunFact } from '../run-plan/commands';

/**
 * The outbound events of a run, derived from the facts the run already records (its projection records), so
 * that telling other systems about a run adds no command to its workflow and no wait to its steps. Pure: the
 * recorder passes the record, the run's row and what its timeline knew just before.
 */

/** Every event type a registered endpoint may subscribe to (`*` subscribes to all). */
export const RUN_EVENT_TYPES = ['run.started', 'retry.scheduled', 'retry.failed', 'run.recovered', 'retries.exhausted', 'run.ended', 'email.sent'] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** The run an event is about, as the projection knows it. */
export interface RunRef {
  runId: string;
  automationId: string;
  automationVersion: number;
  subjectType: string;
  subjectId: string;
  customerId?: string | null;
  invoiceId?: string | null;
  subscriptionId?: string | null;
  amountDue?: number | null;
  currency?: string | null;
}

/** One event: `key` makes its message id (the same record retried makes the same message). */
export interface RunEvent {
  key: string;
  type: RunEventType;
  /** Epoch ms on the run's clock. */
  at: number;
  data: Record<string, unknown>;
}

/** What the timeline knew just before the record: the open retry_payment step (a run leaving it has exhausted it) and the attempt number a charge got. */
export interface RecordContext {
  openRetryStep?: { stepIndex: number; failedAttempts: number };
  attemptNumber?: number;
}

/** A record as the recorder receives it. */
export type RecordedFact = RunFact & { at: number; idempotencyKey: string };

/** The Standard Webhooks body of an event: `{type, timestamp, data}`. */
export function eventBody(event: Pick<RunEvent, 'type' | 'at' | 'data'> | { type: string; at: number; data: unknown }): { type: string; timestamp: string; data: unknown } {
  return { type: event.type, timestamp: new Date(event.at).toISOString(), data: event.data };
}

/** Whether an endpoint subscribed to `types` receives `type`. */
export function subscribes(types: readonly string[], type: string): boolean {
  return types.includes('*') || types.includes(type);
}

const iso = (ms: number) => new Date(ms).toISOString();
const why = (reason?: RetryReason) => (reason ? { reason, why: describeRetryReason(reason) } : {});

/** The events one record of a run means, in order. */
export function runEventsOf(record: RecordedFact, run: RunRef, context: RecordContext = {}): RunEvent[] {
  const base = {
    runId: run.runId, automation: { id: run.automationId, version: run.automationVersion },
    subject: { type: run.subjectType, id: run.subjectId, customerId: run.customerId ?? null, invoiceId: run.invoiceId ?? null, subscriptionId: run.subscriptionId ?? null },
  };
  const events: RunEvent[] = [];
  const add = (type: RunEventType, data: Record<string, unknown>) => events.push({ key: `${record.idempotencyKey}:${type}`, type, at: record.at, data: { ...base, ...data } });
  const exhausted = () => {
    const open = context.openRetryStep;
    if (open) add('retries.exhausted', { stepIndex: open.stepIndex, failedAttempts: open.failedAttempts });
  };
  const scheduled = (stepIndex: number, next?: { at: number; reason?: RetryReason }) => {
    if (next) add('retry.scheduled', { stepIndex, at: iso(next.at), ...why(next.reason) });
  };
  switch (record.type) {
    case 'started':
      add('run.started', { amountDue: record.amountDue ?? null, currency: record.currency ?? null, declineClass: record.declineClass ?? null });
      break;
    case 'step_started':
      exhausted(); // steps run in order: leaving a retry_payment step means its retries ran out (a success ends the run)
      scheduled(record.stepIndex, record.nextRetry);
      break;
    case 'attempt':
      if (record.status === 'failed') {
        add('retry.failed', { stepIndex: record.stepIndex, attempt: context.attemptNumber ?? null, declineCode: record.declineCode ?? null, ...why(record.reason) });
        scheduled(record.stepIndex, record.nextRetry);
      } else if (record.status === 'deferred' && record.deferredUntil !== undefined) {
        add('retry.scheduled', { stepIndex: record.stepIndex, at: iso(record.deferredUntil), deferredBy: record.rule ?? 'card budget' });
      }
      break;
    case 'email':
      add('email.sent', { stepIndex: record.stepIndex, template: record.template, to: record.to, messageId: record.messageId });
      break;
    case 'outcome': {
      const { status, reason, attribution, stepIndex } = record.outcome;
      if (status === 'completed') exhausted(); // the run went past its last step while retrying: the retries ran out
      if (status === 'recovered') add('run.recovered', { attribution: attribution ?? null, amount: run.amountDue ?? null, currency: run.currency ?? null });
      add('run.ended', { status, reason, attribution: attribution ?? null, stepIndex });
      break;
    }
  }
  return events;
}
