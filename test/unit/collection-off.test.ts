import type { BillingEvent } from '../../domain/billing-event';
import { normalizeGenericEvent, normalizeStripeEvent } from '../../domain/normalize';
import type { AutomationRunInput } from '../../domain/run';
import { apply, createRunPlan, decide } from '../../domain/run-plan/run-plan';
import { receiveCollectionStopped } from '../../domain/run-plan/run-signals';
import { routeEvent } from '../../domain/triggers';
import { overdue, paymentFailed, recipe1, recipe2, sendInvoice, version } from '../../testkit/automation-fixtures';
import { stripeEvent } from '../../testkit/stripe-events';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 3, 14);

function stripe(type: string, options: Parameters<typeof stripeEvent>[1]): BillingEvent {
  const result = normalizeStripeEvent(stripeEvent(type, options));
  if (result.status !== 'normalized') throw new Error(JSON.stringify(result));
  return result.event;
}

describe('collection turned off at the provider', () => {
  it.each([
    ['customer.subscription.paused (status paused)', 'customer.subscription.paused', { status: 'paused' }],
    ['customer.subscription.updated with pause_collection', 'customer.subscription.updated', { status: 'active', pause_collection: { behavior: 'void' } }],
  ])('routes %s to collectionStopped for the subscription\'s runs', (_, type, subscription) => {
    const event = stripe(type, { ids: { subscription: 'sub_1' }, subscription });
    expect(routeEvent(event, DAY).signals).toEqual([
      { signal: 'collectionStopped', target: { attribute: 'SubscriptionId', id: 'sub_1' }, payload: { at: event.occurredAt, reason: 'subscription_paused' } },
    ]);
  });

  it('leaves an active subscription without pause_collection alone', () => {
    expect(routeEvent(stripe('customer.subscription.updated', { subscription: { status: 'active', pause_collection: null } }), DAY).signals).toEqual([]);
  });

  it.each([
    [{ auto_advance: false }, 'invoice_auto_advance_off'],
    [{ collection_method: 'send_invoice', due_date: 1_800_000_000 }, 'invoice_send_invoice'],
  ])('routes invoice.updated %j to collectionStopped for the invoice\'s runs', (invoice, reason) => {
    const event = stripe('invoice.updated', { ids: { invoice: 'in_9' }, invoice });
    expect(event.kind).toBe('invoice_updated');
    expect(routeEvent(event, DAY).signals).toMatchObject([{ signal: 'collectionStopped', target: { attribute: 'InvoiceId', id: 'in_9' }, payload: { reason } }]);
  });

  it('ignores auto_advance on an invoice that is no longer open (paid, void and uncollectible ones always read false)', () => {
    for (const status of ['paid', 'void', 'uncollectible']) {
      expect(routeEvent(stripe('invoice.updated', { invoice: { status, auto_advance: false } }), DAY).signals).toEqual([]);
    }
  });

  it('reads the same facts from generic events (invoice.auto_advance, subscription.collection_paused)', () => {
    const result = normalizeGenericEvent({
      id: 'evt_g1', type: 'subscription_updated', occurred_at: '2026-12-03T14:00:00Z',
      subscription: { id: 'sub_g', customer_id: 'cus_g', status: 'active', collection_paused: true },
    });
    expect(result.status === 'normalized' && routeEvent(result.event, DAY).signals[0]).toMatchObject({ signal: 'collectionStopped', payload: { reason: 'subscription_paused' } });
    const invoice = normalizeGenericEvent({
      id: 'evt_g2', type: 'invoice_updated', occurred_at: '2026-12-03T14:00:00Z',
      invoice: { id: 'in_g', customer_id: 'cus_g', status: 'open', amount_due: 100, currency: 'usd', auto_advance: false },
    });
    expect(invoice.status === 'normalized' && routeEvent(invoice.event, DAY).signals[0]).toMatchObject({ signal: 'collectionStopped', payload: { reason: 'invoice_auto_advance_off' } });
  });

  it('ends a dunning run `ended` with the reason at its next step', () => {
    const input: AutomationRunInput = { automation: version(recipe1, 'a1'), subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(T0), dayMs: DAY };
    const plan = createRunPlan(input, { networkRules: true });
    for (let c = decide(plan, T0); c.kind !== 'wait'; c = decide(plan, T0)) apply(plan, { kind: 'done' }, T0);
    receiveCollectionStopped(plan, 'subscription_paused', T0 + DAY);
    apply(plan, { kind: 'woke' }, T0 + DAY);
    expect(decide(plan, T0 + DAY)).toEqual({ kind: 'finish', outcome: { status: 'ended', reason: 'collection_off:subscription_paused', at: T0 + DAY, stepIndex: 0 } });
  });

  it('keeps a run about a send_invoice invoice going on its own invoice\'s send_invoice update', () => {
    const inv = sendInvoice(T0, 5_000);
    const input: AutomationRunInput = { automation: version(recipe2, 'a2'), subject: { type: 'invoice', id: inv.id }, event: overdue(inv, 3, T0), dayMs: DAY };
    const plan = createRunPlan(input, { networkRules: true });
    receiveCollectionStopped(plan, 'invoice_send_invoice', T0);
    expect(plan.state.ending).toBeUndefined();
  });
});
