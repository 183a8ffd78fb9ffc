import { generationOf, nextRun } from '../../domain/run-succession';

const BASE = 'run:auto_1:invoice:in_1';

describe('run succession', () => {
  it('starts the chain at the base id, and reports a live or settled run as existing', () => {
    expect(nextRun(BASE, undefined, { eventId: 'e1' })).toEqual({ start: true, workflowId: BASE });
    for (const status of ['running', 'recovered', 'completed', 'ended', 'skipped'] as const) {
      expect(nextRun(BASE, { id: BASE, status, triggerEventId: 'e1' }, { eventId: 'e2' })).toEqual({ start: false, workflowId: BASE });
    }
  });

  it('follows a failed or canceled run with the next id, linked to it; the same event again starts nothing', () => {
    expect(nextRun(BASE, { id: BASE, status: 'failed', triggerEventId: 'e1' }, { eventId: 'e2' })).toEqual({ start: true, workflowId: `${BASE}:2`, previousRunId: BASE });
    expect(nextRun(BASE, { id: `${BASE}:2`, status: 'canceled', triggerEventId: 'e2' }, { restart: true })).toEqual({ start: true, workflowId: `${BASE}:3`, previousRunId: `${BASE}:2` });
    expect(nextRun(BASE, { id: BASE, status: 'failed', triggerEventId: 'e1' }, { eventId: 'e1' })).toEqual({ start: false, workflowId: BASE });
    expect(nextRun(BASE, { id: BASE, status: 'failed', triggerEventId: 'e1' }, { restart: true })).toMatchObject({ start: true, workflowId: `${BASE}:2` });
  });

  it('reads the generation off the id', () => {
    expect([BASE, `${BASE}:2`, `${BASE}:17`].map((id) => generationOf(BASE, id))).toEqual([1, 2, 17]);
  });
});
