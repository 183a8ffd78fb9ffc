import type { AutomationVersion } from './automation';
import type { BillingEvent } from './billing-event';
import { evaluateFilter, type FilterExplanation, type FilterFacts } from './filters';
import type { DerivedTrigger } from './triggers';

/** An automation as the dispatcher sees it: its current version, priority (lower first) and state. */
export interface MatchCandidate {
  current: AutomationVersion;
  /** Lower runs first; ties are broken by automation id so the order is total. */
  priority: number;
  enabled: boolean;
}

/** One evaluated automation and why it matched or not. */
export interface MatchEvaluation {
  automationId: string;
  version: number;
  priority: number;
  matched: boolean;
  explanation: FilterExplanation;
}

export interface MatchResult {
  /** The automation that handles the event (first match by priority), if any. */
  winner?: AutomationVersion;
  /** Every automation evaluated, in priority order, up to and including the winner. */
  evaluations: MatchEvaluation[];
}

/** Facts filters read from an event. */
export function factsOf(event: BillingEvent): FilterFacts {
  return { customer: event.customer, invoice: event.invoice, subscription: event.subscription };
}

/** Whether an automation's trigger (type and days) is the derived trigger. */
export function triggerMatches(version: AutomationVersion, trigger: DerivedTrigger): boolean {
  const t = version.trigger;
  if (t.type !== trigger.type) return false;
  // An expiring card matches an automation that reminds N days ahead once it is within N days (a Stripe
  // `customer.source.expiring` comes when Stripe sends it, not on the automation's day).
  if (t.type === 'payment_method_expiring') return trigger.days !== undefined && trigger.days <= t.days;
  return !('days' in t) || t.days === trigger.days;
}

/**
 * One automation per event: enabled automations of the trigger, ordered by priority, are
 * evaluated until the first whose filters pass; the later ones are not evaluated.
 */
export function matchAutomations(trigger: DerivedTrigger, candidates: readonly MatchCandidate[], facts: FilterFacts): MatchResult {
  const ordered = candidates
    .filter((c) => c.enabled && triggerMatches(c.current, trigger))
    .sort((a, b) => a.priority - b.priority || a.current.automationId.localeCompare(b.current.automationId));
  const evaluations: MatchEvaluation[] = [];
  for (const c of ordered) {
    const explanation = evaluateFilter(c.current.filters, facts);
    const { automationId, version } = c.current;
    evaluations.push({ automationId, version, priority: c.priority, matched: explanation.passed, explanation });
    if (explanation.passed) return { winner: c.current, evaluations };
  }
  return { evaluations };
}
