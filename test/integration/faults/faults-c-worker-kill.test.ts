import { Client } from '@temporalio/client';
import { findFreePort } from '../../../services/common/runtime/ports';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { startWorkerProcess, workerEnv, type WorkerProcess } from '../../support/recipes-world';
import { buildDist } from '../../support/up-process';
import { createFaultAutomation, createSubjects, paymentFailed, postEvent, openInTemporal, sideEffects, size, waitFigure, whenAllEnded } from './fault-world';


const RUNS = size(10, 100);
const KILLS = size(2, 8);
/** A killed worker's activities wait for their timeout, so runs may stand still for two minutes (times the load per core). */
const WAIT = { stallMs: 120_000, capMs: size(900_000, 2_400_000) };
jest.setTimeout(WAIT.capMs + 600_000);
const SEED = Number(process.env.FAULTS_SEED ?? 12);

/** A small seeded generator: the kill moments of a run can be replayed with FAULTS_SEED. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
}

/*
 * (c) The worker (the compiled `dist/services/worker/main.js`, a child process) is SIGKILLed at random moments
 * while its runs email and charge: no drain, no shutdown hook. A new worker takes over each time; activities the
 * dead one held are retried by Temporal after their start-to-close timeout. Every run must end, each subject
 * charged and emailed once.
 */
describe('faults (c): the worker SIGKILLed at random moments of the runs', () => {
  let api: AdminApp;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    buildDist();
    api = await startAdminApp({ DAY_DURATION: '2s' });
  });
  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await api?.close();
  });

  it('ends every run with one charge and one email per subject', async () => {
    const next = random(SEED);
    await createFaultAutomation(api);
    const subjects = await createSubjects(api.db.dataSource, RUNS);
    // Fresh ports at each start: a killed worker's metrics port may not be free again yet.
    const startWorker = async () => startWorkerProcess(workerEnv(api, { DAY_DURATION: '2s', WORKER_HTTP_PORT: '0', TEMPORAL_METRICS_BIND: `127.0.0.1:${await findFreePort()}` }));
    worker = await startWorker();
    for (const s of subjects) await postEvent(api, paymentFailed(s));
    let kills = 0;
    for (; kills < KILLS; kills++) {
      await new Promise((r) => setTimeout(r, 500 + next() * 4_000)); // a random moment of the runs
      if ((await sideEffects(api.db.dataSource, subjects)).running === 0 && kills > 0) break;
      worker.child.kill('SIGKILL');
      await worker.exited;
      worker = await startWorker();
    }
    const { wait, ...fx } = await whenAllEnded(api.db.dataSource, subjects, WAIT);
    const open = await openInTemporal(api.app.get(Client), api.taskQueue);
    const statuses: { status: string; n: number }[] = await api.db.dataSource.query(
      `SELECT status, count(*)::int AS n FROM runs WHERE invoice_id = ANY($1) GROUP BY status ORDER BY status`, [subjects.map((s) => s.invoiceId)]);

    recordFigures('(c) worker SIGKILL', [
      info('runs x worker kills (seed)', `${RUNS} x ${kills} (${SEED})`),
      must('runs completed', fx.runs - fx.running, RUNS),
      info('how they ended', statuses.map((s) => `${s.status} ${s.n}`).join(', ')),
      must('workflows still open in Temporal', open, 0),
      info('wait for the runs to end', waitFigure(wait)),
      must('charges', fx.charges, RUNS),
      must('emails', fx.emails, RUNS),
      must('duplicate charges + emails', fx.duplicateCharges + fx.duplicateEmails, 0),
    ]);
    expect({ open, ...fx }).toEqual({ open: 0, runs: RUNS, running: 0, subjectsWithoutRun: 0, charges: RUNS, emails: RUNS, duplicateCharges: 0, duplicateEmails: 0 });
    expect(kills).toBeGreaterThan(0);
  });
});
