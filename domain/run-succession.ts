import type { TriggerType } from './automation';
import type { RunStatus } from './statuses';

/**
 * Which run an event (or an operator's restart) starts on a subject an automation has run on before. One
 * live run per automation and subject stays the rule; a run that `failed` or was `canceled` may be followed
 * by a new one — a new triggering event after the cause was fixed, or `POST /v1/runs/{id}/restart` — under
 * the next workflow id of the subject's chain: `run:{automationId}:{type}:{id}` first, then `…:2`, `…:3`.
 * Each id is used once (Temporal's `REJECT_DUPLICATE`), so every run keeps its own history and projection
 * row, and the new run links to the one it follows. A run that ended any other way (recovered, completed,
 * ended, skipped) is the subject's last: a trigger happens once per automation and subject — except a
 * recurring trigger (`payment_method_expiring`: each card of a customer expires, year after year), whose new
 * event starts the next run once the last one has ended, whatever its end.
 */

/** The latest run of an automation on a subject, as the projection records it. */
export interface LatestRun {
  id: string;
  status: RunStatus;
  triggerEventId: string | null;
}

/** What to do: start the run `workflowId` (following `previousRunId`), or report the existing one. */
export type NextRun = { start: true; workflowId: string; previousRunId?: string } | { start: false; workflowId: string };

/** Statuses after which a new run may follow. */
export const RESTARTABLE: readonly RunStatus[] = ['failed', 'canceled'];

/** Triggers that happen again on the same subject (a customer's cards keep expiring). */
export function recurringTrigger(type: TriggerType): boolean {
  return type === 'payment_method_expiring';
}

/** The next run for a triggering event (`eventId`) or an explicit restart of `latest`. */
export function nextRun(baseId: string, latest: LatestRun | undefined, request: { eventId: string } | { restart: true }, recurring = false): NextRun {
  if (!latest) return { start: true, workflowId: baseId };
  const ended = recurring && 'eventId' in request ? latest.status !== 'running' : RESTARTABLE.includes(latest.status);
  if (!ended) return { start: false, workflowId: latest.id };
  // The same event dispatched again (a dispatcher retry) must not start a second run after the first failed.
  if ('eventId' in request && latest.triggerEventId === request.eventId) return { start: false, workflowId: latest.id };
  return { start: true, workflowId: `${baseId}:${generationOf(baseId, latest.id) + 1}`, previousRunId: latest.id };
}

/** 1 for the chain's first id, n for `…:n`. */
export function generationOf(baseId: string, id: string): number {
  if (id === baseId) return 1;
  const match = /^:(\d+)$/.exec(id.slice(baseId.length));
  return id.startsWith(baseId) && match ? Number(match[1]) : 1;
}
