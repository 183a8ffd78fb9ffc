import { OutboxDrainer } from '../../services/gateway/dispatcher/outbox-drainer.service';
import { stripeEvent } from '../../testkit/stripe-events';
import { createIngestionApp } from '../support/ingestion-app';
import { ingestionHarness } from '../support/ingestion-harness';

jest.setTimeout(120_000);

/** Makes `getCustomer` wait until `parties` calls are waiting at once (or `giveUpMs` passed); counts the most seen at once. */
function customerBarrier(h: ReturnType<typeof ingestionHarness>, parties: number, giveUpMs = 10_000) {
  const original = h.billing.getCustomer;
  const waiting: (() => void)[] = [];
  const state = { most: 0, release: () => waiting.splice(0).forEach((go) => go()) };
  h.billing.getCustomer = async (id: string) => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      state.most = Math.max(state.most, waiting.length);
      if (waiting.length >= parties) state.release();
      else setTimeout(state.release, giveUpMs).unref();
    });
    return original(id);
  };
  return Object.assign(state, { restore: () => void (h.billing.getCustomer = original) });
}

describe('concurrent dispatch', () => {
  const h = ingestionHarness();

  it('dispatches the events of one batch at once', async () => {
    const events = [];
    for (let i = 0; i < 3; i++) events.push(await h.deliver(h.failed(h.scenario('year'))));
    const barrier = customerBarrier(h, 3);
    try {
      expect(await h.app.get(OutboxDrainer).drainOnce()).toEqual({ processed: 3, unavailable: false });
    } finally {
      barrier.restore();
    }
    expect(barrier.most).toBe(3); // one after the other, never more than one would have waited
    for (const event of events) expect((await h.row(event)).status).toBe('dispatched');
  });

  it('applies the events of one customer in the order they were accepted, within a batch', async () => {
    const invoices = Array.from({ length: 4 }, () => h.scenario('year'));
    const paid = [];
    for (const ids of invoices) {
      await h.deliver(h.failed(ids));
      paid.push(await h.deliver(stripeEvent('invoice.paid', { ids })));
    }
    await h.drain();
    // The payment came after the failure: it must find the run the failure started, and signal it.
    for (const [i, ids] of invoices.entries()) {
      expect({ i, outcome: (await h.row(paid[i])).outcome }).toMatchObject({ i, outcome: { signals: [{ workflowId: h.runId(ids), signal: 'invoicePaid', delivered: true }] } });
    }
  });

  it('holds no row lock while dispatching, and a second dispatcher skips the claimed rows', async () => {
    const ids = h.scenario('year');
    const event = await h.deliver(h.failed(ids));
    const barrier = customerBarrier(h, 2, 60_000); // holds the dispatch inside its billing read until released
    const other = await createIngestionApp({ databaseUrl: h.db.url, billing: h.billing, dispatcher: { taskQueue: h.taskQueue } });
    try {
      const draining = h.app.get(OutboxDrainer).drainOnce();
      while (barrier.most === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // Mid-dispatch: the row is claimed (leased) but not locked, and the other dispatcher leaves it alone.
      await expect(h.db.dataSource.query('SELECT id FROM outbox FOR UPDATE NOWAIT')).resolves.toHaveLength(1);
      await expect(other.get(OutboxDrainer).drainOnce()).resolves.toEqual({ processed: 0, unavailable: false });
      barrier.release();
      await expect(draining).resolves.toEqual({ processed: 1, unavailable: false });
    } finally {
      barrier.restore();
      await other.close();
    }
    expect(await h.row(event)).toMatchObject({ status: 'dispatched', outcome: { started: [{ workflowId: h.runId(ids), existing: false }] } });
    expect(await h.db.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
  });
});
