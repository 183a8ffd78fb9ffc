import { Client } from '@temporalio/client';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { startWorkerApp, workerEnv } from '../../support/recipes-world';
import { createFaultAutomation, createSubjects, paymentFailed, openInTemporal, postEvent, size, waitFigure, whenAllEnded } from './fault-world';

const EVENTS = size(12, 100);
/** Runs may stand still for a minute (times the load per core) before they count as stuck; 40 minutes at most. */
const WAIT = { stallMs: 60_000, capMs: size(600_000, 2_400_000) };
jest.setTimeout(WAIT.capMs + 300_000);

/*
 * (a) Every event delivered three times, the first two at once (a provider's retry racing its original) and the
 * third after: the gateway and the worker are the real ones, the billing system the sandbox ledger.
 */
describe('faults (a): every event delivered 3 times', () => {
  let api: AdminApp;
  let worker: Awaited<ReturnType<typeof startWorkerApp>> | undefined;

  beforeAll(async () => {
    api = await startAdminApp({ DAY_DURATION: '1s' });
    worker = await startWorkerApp(workerEnv(api, { DAY_DURATION: '1s' }));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('starts one run per subject, which charges once and emails once', async () => {
    await createFaultAutomation(api);
    const subjects = await createSubjects(api.db.dataSource, EVENTS);
    const answers: number[] = [];
    for (let i = 0; i < subjects.length; i += 10) {
      await Promise.all(subjects.slice(i, i + 10).map(async (s) => {
        const event = paymentFailed(s);
        answers.push(...(await Promise.all([postEvent(api, event), postEvent(api, event)])));
        answers.push(await postEvent(api, event));
      }));
    }
    const { wait, ...fx } = await whenAllEnded(api.db.dataSource, subjects, WAIT);
    const open = await openInTemporal(api.app.get(Client), api.taskQueue);
    const refused = answers.filter((s) => s < 200 || s >= 300).length;
    recordFigures('(a) 3x redelivery', [
      info('events x deliveries', `${EVENTS} x 3`),
      must('deliveries not answered 2xx', refused, 0),
      must('runs', fx.runs, EVENTS),
      must('runs not ended', fx.running + fx.subjectsWithoutRun, 0),
      must('workflows still open in Temporal', open, 0),
      info('wait for the runs to end', waitFigure(wait)),
      must('charges', fx.charges, EVENTS),
      must('emails', fx.emails, EVENTS),
      must('duplicate charges + emails', fx.duplicateCharges + fx.duplicateEmails, 0),
    ]);
    expect({ refused, open, ...fx }).toEqual({
      refused: 0, open: 0, runs: EVENTS, running: 0, subjectsWithoutRun: 0, charges: EVENTS, emails: EVENTS, duplicateCharges: 0, duplicateEmails: 0,
    });
  });
});
