import { EventDispatcher } from '../../services/gateway/dispatcher/event-dispatcher.service';
import { RUN_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createIngestionApp, eventually, insertAutomation } from '../support/ingestion-app';
import { ingestionHarness } from '../support/ingestion-harness';
import { stripeEvent } from '../../testkit/stripe-events';

jest.setTimeout(90_000);

describe('dispatching: signals to running runs', () => {
  const h = ingestionHarness();

  it('ends a run in dunning as recovered when the invoice is paid', async () => {
    const ids = h.scenario('year');
    await h.deliver(h.failed(ids));
    await h.drain();
    const paid = await h.deliver(stripeEvent('invoice.paid', { ids, interval: 'year' }));
    await h.drain();
    expect((await h.row(paid)).outcome).toMatchObject({ signals: [{ workflowId: h.runId(ids), signal: 'invoicePaid', delivered: true }] });
    await expect(h.client.workflow.getHandle(h.runId(ids)).result()).resolves.toMatchObject({ status: 'recovered', reason: 'invoice_paid' });
  });

  it.each(['payment_method.attached', 'payment_method.updated'])('signals paymentMethodUpdated to the customer\'s runs on %s', async (type) => {
    const ids = h.scenario('year');
    await h.deliver(h.failed(ids));
    await h.drain();
    const event = await h.deliver(stripeEvent(type, { ids }));
    await h.drain();
    expect((await h.row(event)).outcome).toMatchObject({ signals: [{ workflowId: h.runId(ids), signal: 'paymentMethodUpdated', delivered: true }] });
    expect(await h.settledSignals(h.runId(ids), 'paymentMethodUpdated', 1)).toHaveLength(1);
  });

  it('signals a later failed attempt with its attempt number, once even when the event is dispatched again', async () => {
    const ids = h.scenario('year');
    await h.deliver(h.failed(ids));
    await h.drain();
    const second = await h.deliver(h.failed(ids, { invoice: { attempt_count: 2 } }));
    await h.drain();
    const again = await h.app.get(EventDispatcher).dispatch(await h.row(second)); // as after a crash before the outbox row was deleted
    expect(again.outcome).toMatchObject({ signals: [{ workflowId: h.runId(ids), signal: 'paymentFailed', delivered: true }] });
    const signals = await h.settledSignals(h.runId(ids), 'paymentFailed', 1);
    expect(signals).toHaveLength(1);
    const payload = signals[0].workflowExecutionSignaledEventAttributes!.input!.payloads![0];
    expect(JSON.parse(Buffer.from(payload.data!).toString())).toMatchObject({ attempt: 2 });
  });

  it('never dispatches an event twice with two dispatchers draining at once', async () => {
    const other = await createIngestionApp({ databaseUrl: h.db.url, billing: h.billing, dispatcher: { taskQueue: h.taskQueue, batchSize: 2 } });
    try {
      const scenarios = Array.from({ length: 6 }, () => h.scenario('year'));
      for (const ids of scenarios) await h.deliver(h.failed(ids));
      const spies = [jest.spyOn(h.app.get(EventDispatcher), 'dispatch'), jest.spyOn(other.get(EventDispatcher), 'dispatch')];
      await Promise.all([h.drain(h.app), h.drain(other)]);
      expect(spies[0].mock.calls.length + spies[1].mock.calls.length).toBe(6);
      for (const ids of scenarios) expect(await eventually(async () => (await h.countRuns(ids)) === 1)).toBe(true);
      // Later attempts for one invoice: each is one signal, whichever dispatcher took it.
      const ids = scenarios[0];
      for (let attempt = 2; attempt <= 5; attempt++) await h.deliver(h.failed(ids, { invoice: { attempt_count: attempt } }));
      await Promise.all([h.drain(h.app), h.drain(other)]);
      expect(await h.settledSignals(h.runId(ids), 'paymentFailed', 4)).toHaveLength(4);
      spies.forEach((spy) => spy.mockRestore());
    } finally {
      await other.close();
    }
  });

  it('gives a finalized send_invoice invoice a due-date timer, which its payment settles', async () => {
    await insertAutomation(h.db.dataSource, { trigger: { type: 'invoice_overdue', days: 3 }, steps: [{ type: 'mark_invoice_uncollectible' }] });
    const ids = h.scenario('year');
    const dueDate = Math.floor(Date.now() / 1000) + 30 * 86_400;
    const invoice = { collection_method: 'send_invoice', due_date: dueDate };
    const finalized = await h.deliver(stripeEvent('invoice.finalized', { ids, invoice }));
    await h.drain();
    const deadlineId = `deadline:invoice:${ids.invoice}`;
    expect((await h.row(finalized)).outcome).toMatchObject({ deadline: { workflowId: deadlineId, existing: false } });
    const description = await h.client.workflow.getHandle(deadlineId).describe();
    expect(description.typedSearchAttributes.get(RUN_SEARCH_ATTRIBUTES.InvoiceId)).toBe(ids.invoice);
    const paid = await h.deliver(stripeEvent('invoice.paid', { ids, invoice }));
    await h.drain();
    expect((await h.row(paid)).outcome).toMatchObject({ signals: [{ workflowId: deadlineId, signal: 'invoicePaid', delivered: true }] });
    await expect(h.client.workflow.getHandle(deadlineId).result()).resolves.toEqual({ status: 'settled', raised: [] });
  });
});
