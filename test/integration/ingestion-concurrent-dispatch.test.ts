import type { INestApplication } from '@nestjs/common';
import { OutboxDrainer } from '../../services/gateway/dispatcher/outbox-drainer.service';
import { createIngestionApp, eventually } from '../support/ingestion-app';
import { ingestionHarness } from '../support/ingestion-harness';

jest.setTimeout(120_000);

/** Two dispatchers (two gateways) on one database, each taking one outbox row, racing for the same subjects. */
describe('two dispatchers starting the same run', () => {
  const h = ingestionHarness();
  const dispatchers: INestApplication[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      dispatchers.push(await createIngestionApp({ databaseUrl: h.db.url, billing: h.billing, dispatcher: { taskQueue: h.taskQueue, batchSize: 1 } }));
    }
  });
  afterAll(() => Promise.all(dispatchers.map((app) => app.close())));

  it('records existing: false for exactly the one start that created the run', async () => {
    const invoices = Array.from({ length: 6 }, () => h.scenario('year'));
    const pairs = [];
    for (const ids of invoices) pairs.push([await h.deliver(h.failed(ids)), await h.deliver(h.failed(ids))] as const);
    // Both dispatchers at once, one row each, until the outbox is empty: the two events of an invoice race.
    for (;;) {
      const results = await Promise.all(dispatchers.map((app) => app.get(OutboxDrainer).drainOnce()));
      if (results.every((r) => r.processed === 0)) break;
    }
    for (const [i, [first, second]] of pairs.entries()) {
      const startsOf = async (event: { id: string }) => ((await h.row(event)).outcome as { started?: { existing: boolean }[] } | null)?.started ?? [];
      const started = [...(await startsOf(first)), ...(await startsOf(second))];
      expect({ invoice: i, existing: started.map((s) => s.existing).sort() }).toEqual({ invoice: i, existing: [false, true] });
      expect(await eventually(async () => (await h.countRuns(invoices[i])) === 1)).toBe(true);
    }
  });
});
