import type { BillingEventEntity } from '../../services/common/database/entities/billing-event.entity';
import type { InvoiceSnapshot } from '../../domain/billing';
import { RUN_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { eventually } from '../support/ingestion-app';
import { ingestionHarness } from '../support/ingestion-harness';
import { stripeEvent, type StripeIds } from '../../testkit/stripe-events';

jest.setTimeout(90_000);

describe('dispatching: starting runs', () => {
  const h = ingestionHarness();

  it('starts exactly one run for an annual subscription, findable by its search attributes, however often delivered', async () => {
    const ids = h.scenario('year');
    const event = h.failed(ids);
    for (let i = 0; i < 3; i++) await h.deliver(event);
    await h.drain();
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM events WHERE provider_event_id = $1', [event.id])).toEqual([{ n: 1 }]);
    const recorded = await h.row(event);
    expect(recorded).toMatchObject({ status: 'dispatched', kind: 'invoice_payment_failed', subjectType: 'invoice', subjectId: ids.invoice,
      matchedAutomationId: h.automationId, matchedVersion: 1 });
    expect(recorded.outcome).toMatchObject({ started: [{ workflowId: h.runId(ids), existing: false }] });
    const description = await h.client.workflow.getHandle(h.runId(ids)).describe();
    expect(description.status.name).toBe('RUNNING');
    const attribute = (key: keyof typeof RUN_SEARCH_ATTRIBUTES) => description.typedSearchAttributes.get(RUN_SEARCH_ATTRIBUTES[key]);
    expect([attribute('AutomationId'), attribute('InvoiceId'), attribute('CustomerId'), attribute('SubscriptionId')])
      .toEqual([h.automationId, ids.invoice, ids.customer, ids.subscription]);
    expect(await eventually(async () => (await h.countRuns(ids)) === 1)).toBe(true);
    const [projection] = await h.db.dataSource.query('SELECT status, automation_id, invoice_id, customer_id FROM runs WHERE id = $1', [h.runId(ids)]);
    expect(projection).toEqual({ status: 'running', automation_id: h.automationId, invoice_id: ids.invoice, customer_id: ids.customer });
  });

  it('gives both invoice shapes the same domain facts (the current one enriched with the interval)', async () => {
    const ids = h.scenario('year');
    const created = Math.floor(Date.now() / 1000);
    const legacy = await h.deliver(h.failed(ids, { shape: 'legacy', created }));
    const current = await h.deliver(h.failed(ids, { shape: 'current', created }));
    await h.drain();
    const [a, b] = [await h.row(legacy), await h.row(current)];
    const facts = (r: BillingEventEntity) => {
      const f = structuredClone(r.explanation!.facts) as { invoice: { lines: { priceId: string; productId: string }[] } };
      f.invoice.lines = f.invoice.lines.map(({ priceId, productId }) => ({ priceId, productId }));
      return f;
    };
    expect(facts(b)).toEqual(facts(a));
    expect(facts(a)).toMatchObject({ subscription: { interval: 'year' }, customer: { metadata: { plan: 'gold' } } });
    expect([a.matchedAutomationId, b.matchedAutomationId]).toEqual([h.automationId, h.automationId]);
    expect(b.outcome).toMatchObject({ started: [{ workflowId: h.runId(ids), existing: true }] });
  });

  it('starts nothing for a monthly subscription and records why', async () => {
    const ids = h.scenario('month');
    const event = await h.deliver(h.failed(ids, { interval: 'month' }));
    await h.drain();
    const after = await h.row(event);
    expect(after).toMatchObject({ status: 'dispatched', matchedAutomationId: null });
    expect(JSON.stringify(after.outcome)).toMatch(/no automation for trigger subscription_payment_failed matched.*subscription interval is year/);
    expect(after.explanation).toMatchObject({ evaluations: [{ automationId: h.automationId, matched: false }] });
    expect(await h.countRuns(ids)).toBe(0);
  });

  it('does not start dunning for a failure that arrives after the invoice was paid (provider state)', async () => {
    const ids = h.scenario('year');
    h.billing.invoices.set(ids.invoice, paidInvoice(ids));
    await h.deliver(stripeEvent('invoice.paid', { ids, interval: 'year', created: Math.floor(Date.now() / 1000) + 60 }));
    const late = await h.deliver(h.failed(ids));
    await h.drain();
    expect(JSON.stringify((await h.row(late)).outcome)).toMatch(/already paid at the provider/);
    expect(await h.countRuns(ids)).toBe(0);
  });

  it('does not start dunning after a dispatched invoice.paid even when the provider cannot be asked', async () => {
    const ids = h.scenario('year');
    await h.deliver(stripeEvent('invoice.paid', { ids, interval: 'year', created: Math.floor(Date.now() / 1000) + 60 }));
    await h.drain();
    const late = await h.deliver(h.failed(ids));
    await h.drain();
    expect(JSON.stringify((await h.row(late)).outcome)).toMatch(/already had a invoice_paid event/);
    expect(await h.countRuns(ids)).toBe(0);
  });
});

/** The provider's view of an invoice that has been paid meanwhile. */
function paidInvoice(ids: StripeIds): InvoiceSnapshot {
  return { id: ids.invoice, customerId: ids.customer, subscriptionId: ids.subscription, status: 'paid' as const, collectionMethod: 'charge_automatically' as const,
    amountDue: 2000, amountRemaining: 0, currency: 'usd', attemptCount: 1, metadata: {}, lines: [] };
}
