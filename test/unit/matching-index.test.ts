import fc from 'fast-check';
import type { Condition, Filter } from '../../domain/automation';
import type { FilterFacts } from '../../domain/filters';
import { evaluateFilter, filterPasses } from '../../domain/filters';
import { factsOf, matchAutomations, type MatchCandidate } from '../../domain/matching';
import { buildMatchIndex, EXPLAINED_LOSERS, matchIndexed, requiredKeys } from '../../domain/matching-index';
import { routeEvent, type DerivedTrigger } from '../../domain/triggers';
import { candidate, customer, invoice, paymentFailed, recipe1, subscription, version } from '../../testkit/automation-fixtures';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);
const trigger = routeEvent(paymentFailed(t0), DAY).trigger!;

/** Small value pools, so random filters and random facts often meet. */
const word = fc.constantFrom('a', 'b', 'c');
const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ type: fc.constant('customer_metadata' as const), key: word, equals: word }),
  fc.record({ type: fc.constant('invoice_metadata' as const), key: word, equals: word }),
  fc.record({ type: fc.constant('invoice_amount' as const), currency: fc.constantFrom('usd', 'eur'), min: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }), max: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }) })
    .map(({ min, max, ...c }) => ({ ...c, ...(min !== undefined && { min }), ...(max !== undefined && { max }) })),
  fc.record({ type: fc.constant('subscription_interval' as const), interval: fc.constantFrom('month' as const, 'year' as const) }),
  fc.record({ type: fc.constantFrom('product' as const, 'price' as const), in: fc.array(word, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('customer_email_domain' as const), in: fc.array(fc.constantFrom('a.test', 'B.test'), { maxLength: 2 }) }),
);
const filter: fc.Arbitrary<Filter> = fc.letrec<{ f: Filter }>((tie) => ({
  f: fc.oneof({ depthSize: 'small', withCrossShrink: true }, condition, fc.record({ all: fc.array(tie('f'), { maxLength: 3 }) }), fc.record({ any: fc.array(tie('f'), { maxLength: 3 }) })),
})).f;
const metadata = fc.dictionary(word, word, { maxKeys: 2 });
const facts: fc.Arbitrary<FilterFacts> = fc.record({
  customer: fc.option(fc.record({ metadata, email: fc.constantFrom('x@a.test', 'y@b.test', 'nobody') }).map((c) => ({ ...customer, ...c })), { nil: undefined }),
  invoice: fc.option(fc.record({ metadata, currency: fc.constantFrom('usd', 'EUR'), amountDue: fc.integer({ min: 0, max: 300 }), line: fc.array(fc.record({ priceId: word, productId: word }), { maxLength: 2 }) })
    .map(({ line, ...i }) => invoice({ ...i, lines: line.map((l) => ({ ...l, interval: undefined })) })), { nil: undefined }),
  subscription: fc.option(fc.constantFrom('month' as const, 'year' as const).map((i) => subscription(i)), { nil: undefined }),
});
const catalog = fc.array(fc.record({ filters: fc.option(filter, { nil: undefined }), priority: fc.integer({ min: 0, max: 5 }), enabled: fc.boolean() }), { maxLength: 12 })
  .map((list) => list.map((a, i): MatchCandidate => candidate(version({ ...recipe1, filters: a.filters }, `auto_${i}`), a.priority, a.enabled)));

describe('matching through the index', () => {
  it('gives the same winner as evaluating every automation (property)', () => {
    fc.assert(fc.property(catalog, facts, (candidates, f) => {
      const full = matchAutomations(trigger, candidates, f);
      const indexed = matchIndexed(buildMatchIndex(candidates), trigger, f);
      expect(indexed.winner?.automationId).toBe(full.winner?.automationId);
      expect(indexed.evaluated).toBeLessThanOrEqual(candidates.length);
    }), { numRuns: 2_000 });
  });

  it('decides every filter as the explanation does (property)', () => {
    fc.assert(fc.property(filter, facts, (fl, f) => {
      expect(filterPasses(fl, f)).toBe(evaluateFilter(fl, f).passed);
    }), { numRuns: 2_000 });
  });

  it('evaluates only the automations whose selective condition the facts meet', () => {
    const decoys = Array.from({ length: 1_000 }, (_, i) => candidate(version({ ...recipe1, filters: { all: [{ type: 'subscription_interval', interval: 'year' }, { any: [{ type: 'customer_metadata', key: 'segment', equals: `s${i}` }, { type: 'product', in: [`prod_${i}`] }] }] } }, `decoy_${String(i).padStart(4, '0')}`), i));
    const winner = candidate(version(recipe1, 'winner'), 5_000);
    const result = matchIndexed(buildMatchIndex([...decoys, winner]), trigger, factsOf(paymentFailed(t0)));
    expect(result).toMatchObject({ winner: { automationId: 'winner' }, candidates: 1_001, evaluated: 1 });
    // The record: the winner in full, and only the first few that ranked before it.
    expect(result.evaluations.map((e) => [e.automationId, e.matched])).toEqual([['decoy_0000', false], ['decoy_0001', false], ['decoy_0002', false], ['winner', true]]);
    expect(result.evaluations).toHaveLength(EXPLAINED_LOSERS + 1);
  });

  it('files an automation under its most selective required condition, or under none', () => {
    expect(requiredKeys({ all: [{ type: 'subscription_interval', interval: 'year' }, { type: 'price', in: ['p1', 'p2'] }] })).toEqual(['pc\u0000p1', 'pc\u0000p2']);
    expect(requiredKeys({ any: [{ type: 'customer_metadata', key: 'k', equals: 'v' }, { all: [] }] })).toBeUndefined();
    expect(requiredKeys(undefined)).toBeUndefined();
  });

  it('keeps trigger days and disabled automations out, and explains every candidate when none wins', () => {
    const month = paymentFailed(t0, 'month');
    const derived: DerivedTrigger = routeEvent(month, DAY).trigger!;
    const candidates = [candidate(version(recipe1, 'annual'), 1), candidate(version({ ...recipe1, filters: undefined }, 'off'), 0, false)];
    const result = matchIndexed(buildMatchIndex(candidates), derived, factsOf(month));
    expect(result.winner).toBeUndefined();
    expect(result.evaluations.map((e) => [e.automationId, e.explanation.passed])).toEqual([['annual', false]]);
    expect(result).toMatchObject({ candidates: 1, evaluated: 0 });
  });
});
