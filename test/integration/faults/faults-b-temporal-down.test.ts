import { Client } from '@temporalio/client';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findFreePort } from '../../../services/common/runtime/ports';
import { startTemporalDevServer, type LocalTemporal } from '../../../services/common/temporal/dev-server';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { eventually } from '../../support/ingestion-app';
import { startWorkerApp, workerEnv } from '../../support/recipes-world';
import { createFaultAutomation, createSubjects, paymentFailed, openInTemporal, postEvent, size, undispatched, waitFigure, whenAllEnded } from './fault-world';

const EVENTS = size(30, 500);
/** Runs may stand still for a minute (times the load per core) before they count as stuck; 45 minutes at most. */
const WAIT = { stallMs: 60_000, capMs: size(600_000, 2_700_000) };
jest.setTimeout(WAIT.capMs + 900_000);

/*
 * (b) Temporal stopped while events arrive: a third is posted with Temporal up, a third while it is down, the
 * last third after it is back (its own dev server, persisted to a file, on a fixed port). Accepted means stored:
 * every post must answer 2xx; once Temporal is back the dispatcher drains what waited, and every run ends.
 */
describe('faults (b): Temporal stopped during the events, then restarted', () => {
  let api: AdminApp;
  let temporal: LocalTemporal | undefined;
  let worker: Awaited<ReturnType<typeof startWorkerApp>> | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-temporal-'));

  afterAll(async () => {
    await worker?.close().catch(() => undefined);
    await api?.close();
    await temporal?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts every event, dispatches each once Temporal is back, and every run ends', async () => {
    const port = await findFreePort();
    const start = () => startTemporalDevServer({ port, namespace: 'default', headless: true, dbFile: path.join(dir, 'temporal.db') });
    temporal = await start();
    api = await startAdminApp({ DAY_DURATION: '1s', TEMPORAL_ADDRESS: temporal.address });
    worker = await startWorkerApp(workerEnv(api, { DAY_DURATION: '1s', TEMPORAL_ADDRESS: temporal.address }));
    await createFaultAutomation(api);
    const subjects = await createSubjects(api.db.dataSource, EVENTS);
    const third = Math.ceil(EVENTS / 3);
    const answers: number[] = [];
    const post = async (from: number, to: number) => {
      for (let i = from; i < to; i += 10) answers.push(...(await Promise.all(subjects.slice(i, Math.min(i + 10, to)).map((s) => postEvent(api, paymentFailed(s))))));
    };

    await post(0, third);
    await temporal.stop();
    await post(third, 2 * third);
    const waiting = await undispatched(api.db.dataSource);
    temporal = await start();
    const restartedAt = Date.now();
    await post(2 * third, EVENTS);
    await eventually(async () => (await undispatched(api.db.dataSource)) === 0, 300_000).catch(() => undefined);
    const drainMs = Date.now() - restartedAt;
    const left = await undispatched(api.db.dataSource);
    const { wait, ...fx } = await whenAllEnded(api.db.dataSource, subjects, WAIT);
    const open = await openInTemporal(api.app.get(Client), api.taskQueue);
    const accepted = answers.filter((s) => s >= 200 && s < 300).length;

    recordFigures('(b) Temporal down', [
      info('events (a third while Temporal was down)', EVENTS),
      must('accepted (2xx)', accepted, EVENTS),
      info('waiting when Temporal came back', waiting),
      must('not dispatched after the drain', left, 0),
      info('drain time after the restart', `${(drainMs / 1000).toFixed(1)} s`),
      must('runs', fx.runs, EVENTS),
      must('runs not ended', fx.running + fx.subjectsWithoutRun, 0),
      must('workflows still open in Temporal', open, 0),
      info('wait for the runs to end', waitFigure(wait)),
      must('duplicate charges + emails', fx.duplicateCharges + fx.duplicateEmails, 0),
    ]);
    expect({ accepted, left, open, ...fx }).toEqual({
      accepted: EVENTS, left: 0, open: 0, runs: EVENTS, running: 0, subjectsWithoutRun: 0, charges: EVENTS, emails: EVENTS, duplicateCharges: 0, duplicateEmails: 0,
    });
    expect(waiting).toBeGreaterThan(0); // the outage was real: events waited for Temporal
  });
});
