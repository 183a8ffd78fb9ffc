import { Inject, Injectable } from '@nestjs/common';
import type { AutomationVersion } from '../../../domain/automation';
import type { BillingEvent } from '../../../domain/billing-event';
import { deadlinesOf } from '../../../domain/deadlines';
import { eventSubject, orderingKey } from '../../../domain/dispatch-facts';
import { explanationLines } from '../../../domain/filters';
import { factsOf } from '../../../domain/matching';
import { matchIndexed, type IndexedMatch } from '../../../domain/matching-index';
import { normalizeGenericEvent, normalizeStripeEvent, type NormalizeResult } from '../../../domain/normalize';
import { routeEvent, type EventRouting, type RunSubject } from '../../../domain/triggers';
import type { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { AutomationCatalog } from './automation-catalog.service';
import { CardAttemptRecorder } from './card-attempt-recorder.service';
import { DISPATCHER_OPTIONS, type DispatcherOptions } from './dispatcher.options';
import { EventEnricher } from './event-enricher.service';
import { RunLauncher, type StartedRun } from './run-launcher.service';
import { RunSignaler, type SentSignal } from './run-signaler.service';

/** What dispatching decided, written onto the event row. */
export type DispatchResult = Pick<BillingEventEntity, 'status' | 'kind' | 'subjectType' | 'subjectId' | 'matchedAutomationId' | 'matchedVersion' | 'explanation' | 'outcome' | 'error'>;

const DUE_DATE_TRIGGERS = ['invoice_overdue', 'invoice_due_date_upcoming'] as const;

/** One event: normalize → enrich → route → match → start/signal. Idempotent: safe to run again. */
@Injectable()
export class EventDispatcher {
  private readonly normalizedRows = new WeakMap<BillingEventEntity, NormalizeResult>();

  constructor(
    private readonly enricher: EventEnricher,
    private readonly catalog: AutomationCatalog,
    private readonly launcher: RunLauncher,
    private readonly signaler: RunSignaler,
    private readonly cardAttempts: CardAttemptRecorder,
    @Inject(DISPATCHER_OPTIONS) private readonly options: DispatcherOptions,
  ) {}

  /** The key the drainer orders this event's dispatch by (none for a payload that does not normalize). */
  orderingKey(row: BillingEventEntity): string | undefined {
    const normalized = this.normalize(row);
    return normalized.status === 'normalized' ? orderingKey(normalized.event) : undefined;
  }

  async dispatch(row: BillingEventEntity): Promise<DispatchResult> {
    const empty = { kind: null, subjectType: null, subjectId: null, matchedAutomationId: null, matchedVersion: null, explanation: null, error: null };
    const normalized = this.normalize(row);
    if (normalized.status === 'ignored') return { ...empty, status: 'ignored', outcome: { reason: normalized.reason } };
    if (normalized.status === 'invalid') {
      const error = normalized.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return { ...empty, status: 'failed', outcome: { reason: 'invalid payload' }, error };
    }
    let event = normalized.event;
    let routing = routeEvent(event, this.options.dayMs);
    const subject = eventSubject(event, routing);
    const base = { ...empty, status: 'dispatched' as const, kind: event.kind, subjectType: subject?.type ?? null, subjectId: subject?.id ?? null };
    const notes: string[] = [];
    let match: IndexedMatch | undefined;
    const started: StartedRun[] = [];
    let deadline: { workflowId: string; existing: boolean } | undefined;
    if (routing.trigger || routing.deadline) {
      const enriched = await this.enricher.enrich(event);
      notes.push(...enriched.notes);
      event = enriched.event;
      routing = routeEvent(event, this.options.dayMs);
      if (enriched.stale) {
        notes.push(`nothing started: ${enriched.stale}`);
        routing = { ...routing, trigger: undefined, deadline: undefined };
      }
    }
    if (routing.trigger) {
      match = matchIndexed(await this.catalog.matchIndex(), routing.trigger, factsOf(event));
      if (match.winner) started.push(await this.launcher.startRun(match.winner, routing.trigger.subject, event, row.id));
      else notes.push(noMatchReason(routing, match));
    }
    if (routing.deadline) deadline = await this.startDeadline(routing.deadline, notes);
    await this.cardAttempts.record(event, row.id); // before signals: a run woken by them sees the attempt counted
    const signals: SentSignal[] = [];
    for (const route of routing.signals) {
      const exclude = started.map((s) => s.workflowId);
      signals.push(...(await this.signaler.send(route, row.id, { exclude, sendInvoice: event.invoice?.collectionMethod === 'send_invoice' })));
    }
    if (!routing.trigger && !routing.deadline && routing.signals.length === 0 && notes.length === 0) {
      notes.push(`a ${event.kind} event starts nothing and signals nothing`);
    }
    if (routing.signals.length > 0 && signals.length === 0) notes.push('no running run to signal');
    return {
      ...base,
      matchedAutomationId: match?.winner?.automationId ?? null,
      matchedVersion: match?.winner?.version ?? null,
      explanation: match ? explain(routing, match, event) : null,
      outcome: { started, signals, ...(deadline && { deadline }), notes },
    };
  }

  /**
   * Starts the run that follows a failed or canceled one (`POST /v1/runs/{id}/restart`), from the event that set
   * that one off, read and enriched afresh (the cause may have been fixed since); `undefined` if the event no
   * longer normalizes.
   */
  async restart(row: BillingEventEntity, automation: AutomationVersion, subject: RunSubject): Promise<StartedRun | undefined> {
    const normalized = this.normalize(row);
    if (normalized.status !== 'normalized') return undefined;
    const { event } = await this.enricher.enrich(normalized.event);
    return this.launcher.startRun(automation, subject, event, row.id, true);
  }

  /** The row's payload normalized once (the drainer asks for its ordering key, then dispatches it); a row read again is another object. */
  private normalize(row: BillingEventEntity): NormalizeResult {
    let result = this.normalizedRows.get(row);
    if (!result) this.normalizedRows.set(row, (result = normalize(row)));
    return result;
  }

  private async startDeadline(deadline: NonNullable<EventRouting['deadline']>, notes: string[]) {
    const versions = (await this.catalog.enabled(DUE_DATE_TRIGGERS)).map((c) => c.current);
    const specs = deadlinesOf(versions);
    if (specs.length === 0) {
      notes.push('no enabled due-date automation: no deadline timer');
      return undefined;
    }
    return this.launcher.startDeadline(deadline, specs);
  }
}

function normalize(row: BillingEventEntity): NormalizeResult {
  // Sandbox and system (derived due-date) events are written in the generic format.
  return row.provider === 'stripe' ? normalizeStripeEvent(row.payload) : normalizeGenericEvent(row.payload);
}

function noMatchReason(routing: EventRouting, match: IndexedMatch): string {
  const type = routing.trigger!.type;
  if (match.candidates === 0) return `no enabled automation for trigger ${type}`;
  const why = match.evaluations.map((e) => `${e.automationId} v${e.version}: ${explanationLines(e.explanation).join(', ')}`);
  const more = match.candidates > match.evaluations.length ? `; ${match.candidates - match.evaluations.length} more not shown` : '';
  return `no automation for trigger ${type} matched (${why.join('; ')}${more})`;
}

/**
 * What the events row keeps of the match: the winner's full explanation and the first few automations
 * ranked before it, with counts for the rest (the preview explains any automation in full on demand), so
 * the row stays small however large the catalog.
 */
function explain(routing: EventRouting, match: IndexedMatch, event: BillingEvent): Record<string, unknown> {
  const winner: AutomationVersion | undefined = match.winner;
  return {
    trigger: routing.trigger,
    winner: winner ? { automationId: winner.automationId, version: winner.version, name: winner.name } : null,
    evaluations: match.evaluations,
    candidates: match.candidates,
    evaluated: match.evaluated,
    facts: factsOf(event),
  };
}
