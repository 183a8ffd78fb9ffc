import type { EntityManager } from 'typeorm';
import { BillingEventEntity } from '../database/entities/billing-event.entity';
import { OutboxEntryEntity } from '../database/entities/outbox-entry.entity';
import { eventsAccepted, eventsDuplicate } from '../metrics/dunning-metrics';
import { currentRequestId, currentTraceCarrier } from '../telemetry/request-context';

/** A billing event as it arrives, before any interpretation. */
export interface IncomingEvent {
  /** `stripe`, `generic`, `sandbox` or `system`. */
  provider: string;
  providerEventId: string;
  /** The provider's event type (`invoice.payment_failed`, or a domain kind for generic events). */
  type: string;
  payload: Record<string, unknown>;
}

export interface RecordedEvent {
  eventId: string;
  /** True when this provider event id was already stored: the redelivery changed nothing. */
  duplicate: boolean;
  /** For a duplicate: whether the stored body equals this one (a reused id with another body is a sender's bug). */
  samePayload?: boolean;
}

/**
 * Stores the event row and its outbox row in one transaction: accepted means durably stored, and a redelivery
 * (same provider + event id) is acknowledged without a second row. Every way in (webhooks, the generic API,
 * the sandbox ledger, derived due-date events) goes through here.
 */
export async function recordEvent(manager: EntityManager, event: IncomingEvent): Promise<RecordedEvent> {
  const recorded = await manager.transaction(async (tx): Promise<RecordedEvent> => {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(BillingEventEntity)
      .values({ provider: event.provider, providerEventId: event.providerEventId, type: event.type, payload: () => ':payload' })
      .setParameter('payload', JSON.stringify(event.payload))
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) {
      // jsonb equality ignores key order and spacing: the same event re-sent compares equal.
      const [existing] = (await tx.query(
        'SELECT id, payload = $3::jsonb AS same FROM events WHERE provider = $1 AND provider_event_id = $2',
        [event.provider, event.providerEventId, JSON.stringify(event.payload)],
      )) as { id: string; same: boolean }[];
      return { eventId: existing!.id, duplicate: true, samePayload: existing!.same };
    }
    await tx.insert(OutboxEntryEntity, { eventId: id, requestId: currentRequestId() ?? null, traceContext: currentTraceCarrier() });
    return { eventId: id, duplicate: false };
  });
  if (recorded.duplicate) eventsDuplicate.inc({ provider: event.provider });
  else eventsAccepted.inc({ provider: event.provider, type: event.type });
  return recorded;
}
