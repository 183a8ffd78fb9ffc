import fc from 'fast-check';
import { intervalFromPeriod } from '../../domain/billing-period';
import { explanationLines } from '../../domain/filters';
import { factsOf, matchAutomations } from '../../domain/matching';
import { normalizeStripeEvent } from '../../domain/normalize';
import { routeEvent } from '../../domain/triggers';
import { candidate, recipe1, version } from '../../testkit/automation-fixtures';
import { addInterval } from '../../testkit/stripe-fixtures';
import { stripeEvent } from '../../testkit/stripe-events';

const DAY = 86_400_000;

describe('the interval a line period stands for', () => {
  it.each([
    ['2026-01-01', '2026-01-02', 'day', 1], ['2026-01-01', '2026-01-08', 'week', 1], ['2026-02-01', '2026-03-01', 'month', 1],
    ['2026-01-31', '2026-03-03', 'month', 1], ['2026-01-01', '2026-04-01', 'month', 3], ['2026-01-01', '2026-07-01', 'month', 6],
    ['2026-01-01', '2027-01-01', 'year', 1], ['2027-06-01', '2028-06-01', 'year', 1],
  ])('%s → %s is %s ×%i', (start, end, interval, intervalCount) => {
    expect(intervalFromPeriod(Date.parse(start), Date.parse(end))).toEqual({ interval, intervalCount });
  });

  it('names nothing for a partial (proration) or empty period', () => {
    expect(intervalFromPeriod(Date.parse('2026-01-01'), Date.parse('2026-01-01'))).toBeUndefined();
    expect(intervalFromPeriod(Date.parse('2026-01-01'), Date.parse('2026-01-17'))).toBeUndefined();
    expect(intervalFromPeriod(Date.parse('2026-01-01'), Date.parse('2026-10-01'))).toBeUndefined();
  });

  it('a whole calendar interval from any start, of any kind Stripe bills, is recognised as itself', () => {
    const kinds = [['day', 1], ['week', 1], ['month', 1], ['month', 3], ['month', 6], ['year', 1]] as const;
    fc.assert(fc.property(fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), fc.constantFrom(...kinds), (start, [interval, count]) => {
      const end = addInterval(start, interval, count);
      expect(intervalFromPeriod(start * 1000, end * 1000)).toEqual({ interval, intervalCount: count });
    }));
  });
});

describe('a 2025-03-31+ ("basil") annual invoice.payment_failed whose subscription cannot be read', () => {
  /** The webhook as Stripe sends it: the line's price is an id (no recurrence), the subscription an id. */
  function basilAnnualFailure() {
    const event = stripeEvent('invoice.payment_failed', { shape: 'current', interval: 'year', declineCode: 'insufficient_funds' });
    const line = event.data.object.lines.data[0];
    line.pricing.price_details.price = typeof line.pricing.price_details.price === 'string' ? line.pricing.price_details.price : line.pricing.price_details.price.id;
    return event;
  }

  it('still starts recipe 1, the explanation saying the interval came from the line period', () => {
    const raw = basilAnnualFailure();
    expect(raw.data.object.lines.data[0].period.end - raw.data.object.lines.data[0].period.start).toBeGreaterThan(364 * 86_400);
    const result = normalizeStripeEvent(raw);
    if (result.status !== 'normalized') throw new Error(JSON.stringify(result));
    const event = result.event;
    expect(event.subscription?.interval).toBeUndefined(); // no read: the provider could not tell
    expect(event.invoice?.lines[0]).toMatchObject({ periodInterval: 'year' });
    expect(event.invoice?.lines[0].interval).toBeUndefined();
    const routing = routeEvent(event, DAY);
    const match = matchAutomations(routing.trigger!, [candidate(version(recipe1, 'a-recipe-1'), 1)], factsOf(event));
    expect(match.winner?.automationId).toBe('a-recipe-1');
    expect(explanationLines(match.evaluations[0].explanation).join('\n')).toContain(`✓ subscription interval is year (seen "year" (from the invoice line's billing period))`);
  });

  it('the interval the payload or the provider gives wins over the period', () => {
    const result = normalizeStripeEvent(stripeEvent('invoice.payment_failed', { shape: 'current', interval: 'month' }));
    if (result.status !== 'normalized') throw new Error('not normalized');
    const facts = factsOf(result.event);
    facts.subscription = { ...facts.subscription!, interval: 'month' };
    const match = matchAutomations(routeEvent(result.event, DAY).trigger!, [candidate(version(recipe1, 'a-recipe-1'), 1)], facts);
    expect(match.winner).toBeUndefined();
  });
});
