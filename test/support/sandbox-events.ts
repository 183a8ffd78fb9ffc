import type { DataSource } from 'typeorm';
import { normalizeGenericEvent, type NormalizeResult } from '../../domain/normalize';

/** A sandbox event as stored, with what the generic normalizer makes of its payload. */
export interface StoredSandboxEvent {
  id: string;
  type: string;
  payload: Record<string, any>;
  outboxRows: number;
  normalized: NormalizeResult;
}

/** Events of one provider mentioning `objectId` (anywhere in the payload), oldest first. */
export async function eventsAbout(dataSource: DataSource, objectId: string, provider = 'sandbox'): Promise<StoredSandboxEvent[]> {
  const rows: { id: string; type: string; payload: Record<string, any>; outbox_rows: string }[] = await dataSource.query(
    `SELECT e.id, e.type, e.payload, (SELECT count(*) FROM outbox o WHERE o.event_id = e.id) AS outbox_rows
       FROM events e WHERE e.provider = $1 AND e.payload::text LIKE $2 ORDER BY e.received_at, e.id`,
    [provider, `%"${objectId}"%`],
  );
  return rows.map((r) => ({ id: r.id, type: r.type, payload: r.payload, outboxRows: Number(r.outbox_rows), normalized: normalizeGenericEvent(r.payload) }));
}
