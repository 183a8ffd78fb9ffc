import type { ActivityDeps, RunRecord } from './deps';
import type { DeadlineKind } from '../domain/deadlines';
import { mapErrors } from './errors';

/** Input of `raiseDerivedEvent`: one due-date deadline of one invoice. */
export interface DerivedEventInput {
  /** Dedupe key, `derivedEventId(kind, invoiceId, days)`. */
  id: string;
  kind: DeadlineKind;
  invoiceId: string;
  customerId: string;
  days: number;
  occurredAt: number;
}

/** Input of `emitWebhook`. */
export interface WebhookInput {
  idempotencyKey: string;
  at: number;
  url: string;
  eventType: string;
  payload: unknown;
}

/** Projection, derived-event and webhook activities. */
export function createRecordActivities({ records, derivedEvents, webhooks }: Pick<ActivityDeps, 'records' | 'derivedEvents' | 'webhooks'>) {
  return {
    async recordRun(record: RunRecord): Promise<void> {
      await mapErrors('Recording run', () => records.record(record));
    },

    async raiseDerivedEvent(input: DerivedEventInput): Promise<{ accepted: boolean }> {
      return mapErrors('Raising derived event', () => derivedEvents.raise(input));
    },

    async emitWebhook({ idempotencyKey, url, eventType, payload }: WebhookInput): Promise<{ status: number }> {
      return mapErrors('Emitting webhook', () => webhooks.emit({ idempotencyKey, url, eventType, payload }));
    },
  };
}
