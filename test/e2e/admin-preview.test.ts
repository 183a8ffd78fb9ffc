import { body, paymentFailedEvent, problemOf, recipe1, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(60_000);

describe('admin API: POST /v1/automations/{id}/preview', () => {
  let api: AdminApp;
  beforeAll(async () => {
    api = await startAdminApp();
  });
  afterAll(() => api?.close());

  it('explains the match and dates the run with the domain schedule, without side effects', async () => {
    const { body: a } = await api.post('/v1/automations', body(recipe1, { priority: 1 })).expect(201);
    const counts = () => api.db.dataSource.query('SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM events) AS events');
    const before = await counts();
    const res = await api.post(`/v1/automations/${a.id}/preview`, { event: paymentFailedEvent() }).expect(200);
    expect(res.body).toMatchObject({
      automationId: a.id, version: 1, wouldStartRun: true,
      trigger: { matches: true, derived: { type: 'subscription_payment_failed' } },
      explanation: { passed: true, children: [{ passed: true, condition: 'subscription interval is year', seen: '"year"' }] },
      matching: { handledBy: { automationId: a.id, version: 1 } },
    });
    const t0 = Date.parse('2026-01-10T12:00:00Z');
    // One retry per 7.5-day slot of the 2-month window; the funds decline puts every other one on a payday at 10:00.
    const planned = [118, 213, 478, 573, 862, 957, 1150, 1269].map((h) => t0 + h * 3_600_000);
    const attempts = res.body.timeline.entries.filter((e: { action: string }) => e.action === 'payment_attempt');
    expect(attempts.map((e: { at: string }) => Date.parse(e.at))).toEqual(planned);
    expect(attempts.map((e: { reason: { slot: number } }) => e.reason)).toEqual(planned.map((_, k) => expect.objectContaining({
      kind: 'scheduled', slot: k + 1, of: 8, windowDays: 60, declineClass: 'soft', rule: 'stripe-funds-decline', paydayAligned: k % 2 === 0,
    })));
    expect(res.body.timeline.end).toMatchObject({ status: 'completed', reason: 'invoice_marked_uncollectible', at: '2026-03-11T09:00:00.000Z' });
    expect(res.body.timeline.endsEarlyOn.map((e: { signal: string }) => e.signal)).toContain('invoicePaid');
    expect(await counts()).toEqual(before);
  });

  it('explains a failed filter and a lower-priority automation, and rejects invalid events with paths', async () => {
    const { body: a } = await api.post('/v1/automations', body(recipe1, { priority: 1 })).expect(201);
    const monthly = await api.post(`/v1/automations/${a.id}/preview`, { event: paymentFailedEvent({ interval: 'month' }) }).expect(200);
    expect(monthly.body).toMatchObject({ wouldStartRun: false, explanation: { passed: false }, timeline: { entries: [], end: { status: 'skipped' } } });
    expect(monthly.body.explanationLines[1]).toContain('✗ subscription interval is year (seen "month")');
    await api.post(`/v1/automations/${a.id}/disable`, { mode: 'finish' }).expect(200);
    const disabled = await api.post(`/v1/automations/${a.id}/preview`, { event: paymentFailedEvent() }).expect(200);
    expect(disabled.body.wouldStartRun).toBe(false);
    const bad = problemOf(await api.post(`/v1/automations/${a.id}/preview`, { event: { ...paymentFailedEvent(), occurred_at: 'yesterday' } }), 422);
    expect(bad.errors![0].path).toBe('event.occurred_at');
    problemOf(await api.post('/v1/automations/00000000-0000-4000-8000-000000000000/preview', { event: paymentFailedEvent() }), 404);
  });

  it('names the automation that would win by priority, and pauses retries on a hard decline', async () => {
    const { body: mine } = await api.post('/v1/automations', body(recipe1, { priority: 50 })).expect(201);
    const { body: first } = await api.post('/v1/automations', body(recipe1, { priority: 0, filters: null, name: 'catch-all' })).expect(201);
    const res = await api.post(`/v1/automations/${mine.id}/preview`, { event: paymentFailedEvent({ declineCode: 'stolen_card' }) }).expect(200);
    expect(res.body).toMatchObject({ wouldStartRun: false, explanation: { passed: true }, matching: { handledBy: { automationId: first.id } } });
    expect(res.body.timeline.entries[0]).toMatchObject({ action: 'await_payment_method', at: '2026-01-10T12:00:00.000Z', until: '2026-03-11T12:00:00.000Z' });
    await api.post(`/v1/automations/${first.id}/disable`, { mode: 'finish' }).expect(200);
  });
});
