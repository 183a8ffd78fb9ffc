import type { AutomationDefinition } from '../../../domain/automation';
import { findFreePort } from '../../../services/common/runtime/ports';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { loadFactor } from '../../../testkit/faults/run-wait';
import { body, startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { startWorkerApp, workerEnv } from '../../support/recipes-world';
import { createSubjects, paymentFailed, postEvent, size, waitFigure, whenAllEnded } from './fault-world';

const RUNS = size(3, 20);
/** Nothing moves while the webhook step retries (its 20 s bound): two minutes (times the load per core) of stillness. */
const WAIT = { stallMs: 120_000, capMs: size(600_000, 1_200_000) };
jest.setTimeout(WAIT.capMs + 300_000);

/*
 * (f) An emit_webhook step whose endpoint is dead (nothing listens on its port): the step retries within its
 * bound, fails, and the run goes on to its next steps (a notification's failure never ends a dunning run), so
 * every run reaches its declared end — here `recovered`, after the email and the charge — within the bound.
 */
describe('faults (f): a dead outbound-webhook endpoint', () => {
  let api: AdminApp;
  let worker: Awaited<ReturnType<typeof startWorkerApp>> | undefined;
  let deadPort: number;
  const env = (port: number) => ({ DAY_DURATION: '1s', OUTBOUND_ALLOWED_HOSTS: `127.0.0.1:${port}`, RETRY_BOUND_WEBHOOK: '20s' });

  beforeAll(async () => {
    deadPort = await findFreePort(); // nothing will listen here
    api = await startAdminApp(env(deadPort));
    worker = await startWorkerApp(workerEnv(api, env(deadPort)));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('fails the webhook step within its bound and ends every run as its definition declares', async () => {
    const definition = {
      name: 'Dead webhook', trigger: { type: 'subscription_payment_failed' },
      steps: [
        { type: 'emit_webhook', url: `http://127.0.0.1:${deadPort}/hook` },
        { type: 'send_customer_email', template: 'payment_failed' },
        { type: 'retry_payment', policy: { type: 'custom', days: [1] } },
      ],
    } as AutomationDefinition;
    const created = await api.post('/v1/automations', body(definition));
    expect(created.status).toBe(201);
    const subjects = await createSubjects(api.db.dataSource, RUNS);
    for (const s of subjects) await postEvent(api, paymentFailed(s));
    const { wait, ...fx } = await whenAllEnded(api.db.dataSource, subjects, WAIT);
    const runs: { status: string; seconds: number; webhook: string | null }[] = await api.db.dataSource.query(`
      SELECT r.status, extract(epoch FROM r.ended_at - r.started_at)::float8 AS seconds,
        (SELECT s.status FROM run_steps s WHERE s.run_id = r.id AND s.step_index = 0 ORDER BY s.attempt DESC LIMIT 1) AS webhook
      FROM runs r WHERE r.invoice_id = ANY($1)`, [subjects.map((s) => s.invoiceId)]);
    const slowest = Math.max(...runs.map((r) => r.seconds ?? Number.POSITIVE_INFINITY));

    recordFigures('(f) dead webhook endpoint', [
      info('runs (webhook bound RETRY_BOUND_WEBHOOK=20s)', RUNS),
      must('runs ended', runs.filter((r) => r.status !== 'running').length, RUNS),
      info('how they ended; webhook step', [...new Set(runs.map((r) => `${r.status}; ${r.webhook}`))].join(', ')),
      info('wait for the runs to end', waitFigure(wait)),
      info('slowest run, start to end', Number.isFinite(slowest) ? `${slowest.toFixed(1)} s` : 'did not end'),
      must('runs that lost their email or charge', RUNS - Math.min(fx.emails, fx.charges), 0),
    ]);
    expect(runs.map((r) => r.status)).toEqual(subjects.map(() => 'recovered'));
    expect(runs.map((r) => r.webhook)).toEqual(subjects.map(() => 'failed'));
    // The 20 s webhook bound, then the email, a 1 s day and the charge: 100 s of slack on an idle machine, times its load.
    expect(slowest).toBeLessThan(20 + 100 * loadFactor());
  });
});
