import type { EntityManager } from 'typeorm';
import { preparedStatement, queryPrepared } from '../database/prepared-statement';
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
  /** The payload as the JSON text it was parsed from, when the caller has it (a webhook's raw body): stored as is, not serialized again. */
  payloadJson?: string;
}

export interface RecordedEvent {
  eventId: string;
  /** True when this provider event id was already stored: the redelivery changed nothing. */
  duplicate: boolean;
  /** For a duplicate: whether the stored body equals this one (a reused id with another body is a sender's bug). */
  samePayload?: boolean;
}

const INSERT_EVENT = preparedStatement('record_event', `WITH inserted AS (
     INSERT INTO events (provider, provider_event_id, type, payload) VALUES ($1, $2, $3, $4::jsonb)
     ON CONFLICT DO NOTHING RETURNING id),
   queued AS (INSERT INTO outbox (event_id, request_id, trace_context) SELECT id, $5, $6::jsonb FROM inserted RETURNING event_id)
   SELECT event_id AS id FROM queued`);

/**
 * Stores the event row and its outbox row atomically — one statement, so one round trip and no explicit
 * transaction: accepted means durably stored, and a redelivery (same provider + event id) is acknowledged
 * without a second row. Every way in (webhooks, the generic API, the sandbox ledger, derived due-date events)
 * goes through here.
 */
export async function recordEvent(manager: EntityManager, event: IncomingEvent): Promise<RecordedEvent> {
  const payload = event.payloadJson ?? JSON.stringify(event.payload);
  const rows = await queryPrepared<{ id: string }>(manager, INSERT_EVENT,
    [event.provider, event.providerEventId, event.type, payload, currentRequestId() ?? null, toJson(currentTraceCarrier())],
  );
  let recorded: RecordedEvent;
  if (rows[0]) recorded = { eventId: rows[0].id, duplicate: false };
  else {
    // A redelivery: the row was there before this statement began (or a concurrent delivery committed it meanwhile).
    // jsonb equality ignores key order and spacing: the same event re-sent compares equal.
    const [existing] = (await manager.query(
      'SELECT id, payload = $3::jsonb AS same FROM events WHERE provider = $1 AND provider_event_id = $2',
      [event.provider, event.providerEventId, payload],
    )) as { id: string; same: boolean }[];
    recorded = { eventId: existing!.id, duplicate: true, samePayload: existing!.same };
  }
  if (recorded.duplicate) eventsDuplicate.inc({ provider: event.provider });
  else eventsAccepted.inc({ provider: event.provider, type: event.type });
  return recorded;
}

function toJson(value: Record<string, string> | null | undefined): string | null {
  return value ? JSON.stringify(value) : null;
}
