import type { Filter, TriggerType } from './automation';
import { conditionKeys, evaluateFilter, factKeys, filterPasses, type FilterExplanation, type FilterFacts } from './filters';
import { triggerMatches, type MatchCandidate, type MatchEvaluation } from './matching';
import type { DerivedTrigger } from './triggers';

/*
 * Matching that does not grow with the catalog. Each enabled automation is filed under its trigger and under
 * the index keys of its most selective required condition: a condition (or `any` of conditions) that must
 * hold for its filters to pass. An event looks up only the automations filed under keys its facts have
 * (plus those with no indexable condition), in priority order, and runs the short-circuit `filterPasses`
 * until the first passes — the same winner as evaluating every filter tree (`matchAutomations`), because an
 * automation filed under keys the facts lack cannot pass. Only the winner (and the first few losers, for
 * the record) get a full explanation; the preview still explains everything on demand.
 */

/** Losers explained in full in a result (the rest are counted). */
export const EXPLAINED_LOSERS = 3;

/** How much a key narrows the catalog: an interval or a currency is shared by many events, the rest by few. */
const KEY_COST: Record<string, number> = { iv: 0.5, cur: 0.8 };
const costOf = (keys: readonly string[]) => keys.reduce((sum, k) => sum + (KEY_COST[k.slice(0, k.indexOf('\u0000'))] ?? 0.01), 0);

/**
 * Keys at least one of which the facts must have for `filter` to pass, or undefined when no such set
 * exists (no filter, or a branch with no condition). `all` takes its cheapest indexable child; `any` needs
 * every child indexable and unites their keys.
 */
export function requiredKeys(filter: Filter | undefined): string[] | undefined {
  if (filter === undefined) return undefined;
  if ('all' in filter) {
    let best: string[] | undefined;
    for (const child of filter.all) {
      const keys = requiredKeys(child);
      if (keys && (!best || costOf(keys) < costOf(best))) best = keys;
    }
    return best;
  }
  if ('any' in filter) {
    const keys: string[] = [];
    for (const child of filter.any) {
      const childKeys = requiredKeys(child);
      if (!childKeys) return undefined;
      keys.push(...childKeys);
    }
    return [...new Set(keys)];
  }
  return conditionKeys(filter);
}

interface Entry {
  /** Position in priority order within its trigger. */
  rank: number;
  candidate: MatchCandidate;
}

interface TriggerIndex {
  byKey: Map<string, Entry[]>;
  /** Automations with no indexable required condition: always evaluated. */
  always: Entry[];
  /** Every enabled automation of the trigger, in priority order. */
  ordered: Entry[];
}

/** Enabled automations by trigger type and by the keys of their most selective condition. */
export interface MatchIndex {
  byTrigger: Map<TriggerType, TriggerIndex>;
}

/** Builds the index (once per catalog change, not per event). */
export function buildMatchIndex(candidates: readonly MatchCandidate[]): MatchIndex {
  const byTrigger = new Map<TriggerType, TriggerIndex>();
  const ordered = candidates
    .filter((c) => c.enabled)
    .sort((a, b) => a.priority - b.priority || a.current.automationId.localeCompare(b.current.automationId));
  for (const candidate of ordered) {
    const type = candidate.current.trigger.type;
    let t = byTrigger.get(type);
    if (!t) byTrigger.set(type, (t = { byKey: new Map(), always: [], ordered: [] }));
    const entry: Entry = { rank: t.ordered.length, candidate };
    t.ordered.push(entry);
    const keys = requiredKeys(candidate.current.filters);
    if (!keys) t.always.push(entry);
    else for (const key of keys) (t.byKey.get(key) ?? t.byKey.set(key, []).get(key)!).push(entry);
  }
  return { byTrigger };
}

/** The winner with its full explanation, the first few losers explained, and how many were looked at. */
export interface IndexedMatch {
  winner?: MatchCandidate['current'];
  /** The winner's explanation, then up to EXPLAINED_LOSERS automations that ranked before it (or all, when none won). */
  evaluations: MatchEvaluation[];
  /** Enabled automations of the trigger type. */
  candidates: number;
  /** Filter trees run; the others were ruled out by the index (a required condition cannot hold). */
  evaluated: number;
}

/** One automation per event, as `matchAutomations`, through the index. */
export function matchIndexed(index: MatchIndex, trigger: DerivedTrigger, facts: FilterFacts): IndexedMatch {
  const t = index.byTrigger.get(trigger.type);
  if (!t) return { evaluations: [], candidates: 0, evaluated: 0 };
  const found: Entry[] = [...t.always];
  for (const key of factKeys(facts)) {
    const entries = t.byKey.get(key);
    if (entries) for (const e of entries) found.push(e);
  }
  found.sort((a, b) => a.rank - b.rank);
  let evaluated = 0;
  let winner: Entry | undefined;
  for (let i = 0; i < found.length && !winner; i++) {
    const e = found[i];
    if ((i > 0 && found[i - 1] === e) || !triggerMatches(e.candidate.current, trigger)) continue;
    evaluated++;
    if (filterPasses(e.candidate.current.filters, facts)) winner = e;
  }
  // The record: the first few automations that ranked before the winner, then the winner, each explained.
  const shown: Entry[] = [];
  const end = winner ? winner.rank : t.ordered.length;
  for (let r = 0; r < end && shown.length < EXPLAINED_LOSERS; r++) if (triggerMatches(t.ordered[r].candidate.current, trigger)) shown.push(t.ordered[r]);
  if (winner) shown.push(winner);
  const evaluations = shown.map((e) => evaluation(e.candidate, evaluateFilter(e.candidate.current.filters, facts)));
  return { winner: winner?.candidate.current, evaluations, candidates: t.ordered.length, evaluated };
}

function evaluation(c: MatchCandidate, explanation: FilterExplanation): MatchEvaluation {
  return { automationId: c.current.automationId, version: c.current.version, priority: c.priority, matched: explanation.passed, explanation };
}
