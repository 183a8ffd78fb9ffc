import { stripeEvent } from '../../testkit/stripe-events';
import { ingestionHarness } from '../support/ingestion-harness';

jest.setTimeout(90_000);

// Collection turned off at Stripe reaches the runs through the real ingestion path: webhook → event + outbox →
// dispatcher → collectionStopped → the run ends `ended` with the reason.
describe('dispatching: collection turned off', () => {
  const h = ingestionHarness();

  it.each([
    ['customer.subscription.paused', { status: 'paused' }],
    ['customer.subscription.updated', { status: 'active', pause_collection: { behavior: 'keep_as_draft' } }],
  ])('ends the subscription\'s run in dunning on %s', async (type, subscription) => {
    const ids = h.scenario('year');
    await h.deliver(h.failed(ids));
    await h.drain();
    const paused = await h.deliver(stripeEvent(type, { ids, interval: 'year', subscription }));
    await h.drain();
    expect((await h.row(paused)).outcome).toMatchObject({ signals: [{ workflowId: h.runId(ids), signal: 'collectionStopped', delivered: true }] });
    await expect(h.client.workflow.getHandle(h.runId(ids)).result()).resolves.toMatchObject({ status: 'ended', reason: 'collection_off:subscription_paused' });
  });

  it('ends the invoice\'s run in dunning when the invoice\'s auto_advance is turned off', async () => {
    const ids = h.scenario('year');
    await h.deliver(h.failed(ids));
    await h.drain();
    const updated = await h.deliver(stripeEvent('invoice.updated', { ids, interval: 'year', invoice: { auto_advance: false } }));
    await h.drain();
    expect((await h.row(updated)).outcome).toMatchObject({ signals: [{ workflowId: h.runId(ids), signal: 'collectionStopped', delivered: true }] });
    await expect(h.client.workflow.getHandle(h.runId(ids)).result()).resolves.toMatchObject({ status: 'ended', reason: 'collection_off:invoice_auto_advance_off' });
  });
});
