import { eventually, isolatedDatabase } from '../support/ingestion-app';
import { startWorkerApp } from '../support/recipes-world';
import { newSecret, startReferenceBilling, type ReferenceBilling } from '../support/reference-billing';

jest.setTimeout(120_000);

/** The worker's own /health/ready names a billing provider that refuses its calls (here: signed with the wrong secret). */
describe('worker readiness and the billing provider', () => {
  let ref: ReferenceBilling;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  beforeAll(async () => {
    db = await isolatedDatabase();
    ref = await startReferenceBilling(db.url);
  });
  afterAll(async () => {
    await ref?.close();
    await db?.drop();
  });

  it.each([
    ['the shared secret', 200, true, () => ref.secret],
    ['another secret (401 from the adapter)', 503, false, () => newSecret()],
  ])('signed with %s → /health/ready %i', async (_label, status, billing, secret) => {
    const worker = await startWorkerApp({
      DATABASE_URL: db.url, TEMPORAL_TASK_QUEUE: `ready-${status}`, BILLING_PROVIDER: 'http', BILLING_HTTP_URL: ref.url, BILLING_HTTP_SECRET: secret(),
    });
    try {
      const ready = await eventually(async () => {
        const res = await fetch(`http://127.0.0.1:${worker.httpPort}/health/ready`);
        const body = (await res.json()) as { details: { billing: boolean }; billing?: string };
        return res.status === status && body;
      });
      expect(ready.details.billing).toBe(billing);
      if (!billing) expect(ready.billing).toMatch(/^auth: Billing API customer\.retrieve answered 401/);
    } finally {
      await worker.close();
    }
  });
});
