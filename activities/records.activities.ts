import type { ActivityDeps, DerivedEvent, RunRecord } from './deps';
import { mapErrors, RunFailureType } from './errors';

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

    async raiseDerivedEvent(input: DerivedEvent): Promise<{ accepted: boolean }> {
      return mapErrors('Raising derived event', () => derivedEvents.raise(input));
    },

    async emitWebhook({ idempotencyKey, url, eventType, payload }: WebhookInput): Promise<{ status: number }> {
      // Whatever type an emitter gives a hopeless delivery, the run fails with one type for it.
      return mapErrors('Emitting webhook', () => webhooks.emit({ idempotencyKey, url, eventType, payload }), RunFailureType.WebhookRejected);
    },
  };
}
