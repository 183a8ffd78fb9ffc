import type { BillingEventEntity } from '../../../common/database/entities/billing-event.entity';

/** An event as the admin API shows it: what arrived, what dispatching decided, and why. */
export interface EventView {
  id: string;
  provider: string;
  providerEventId: string;
  type: string;
  status: string;
  kind: string | null;
  subject: { type: string; id: string } | null;
  matchedAutomation: { id: string; version: number | null } | null;
  explanation: Record<string, unknown> | null;
  outcome: Record<string, unknown> | null;
  error: string | null;
  receivedAt: string;
  dispatchedAt: string | null;
  payload?: Record<string, unknown>;
}

/** Maps a row to its view; the raw payload only on the single-event route (lists stay small). */
export function toEventView(row: BillingEventEntity, withPayload = false): EventView {
  return {
    id: row.id,
    provider: row.provider,
    providerEventId: row.providerEventId,
    type: row.type,
    status: row.status,
    kind: row.kind,
    subject: row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null,
    matchedAutomation: row.matchedAutomationId ? { id: row.matchedAutomationId, version: row.matchedVersion } : null,
    explanation: row.explanation,
    outcome: row.outcome,
    error: row.error,
    receivedAt: row.receivedAt.toISOString(),
    dispatchedAt: row.dispatchedAt?.toISOString() ?? null,
    ...(withPayload && { payload: row.payload }),
  };
}
