import type { EntityManager } from 'typeorm';
import { currentActor } from './actor-context';

/** Records an operator action with the acting key's name (in the caller's transaction when given one). */
export async function recordAudit(manager: EntityManager, action: string, subject: string, detail: Record<string, unknown> = {}): Promise<void> {
  await manager.query('INSERT INTO audit_log (actor, action, subject, detail) VALUES ($1, $2, $3, $4)', [
    currentActor(), action, subject, JSON.stringify(detail),
  ]);
}
