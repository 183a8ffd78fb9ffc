import { Client } from '@temporalio/client';
import { setTimeout as delay } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../services/common/database/data-source-options';
import { runMigrations } from '../../../services/common/database/run-migrations';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { eventually } from '../../support/ingestion-app';
import { startRestartablePostgres, type RestartablePostgres } from '../../support/restartable-postgres';
import { startWorkerApp, workerEnv } from '../../support/recipes-world';
import { createFaultAutomation, createSubjects, paymentFailed, openInTemporal, postEvent, size, undispatched, waitFigure, whenAllEnded } from './fault-world';

const EVENTS = size(20, 200);
/** Runs may stand still for two minutes (times the load per core) while the pools reconnect; 40 minutes at most. */
const WAIT = { stallMs: 120_000, capMs: size(600_000, 2_400_000) };
jest.setTimeout(WAIT.capMs + 600_000);

/*
 * (d) PostgreSQL restarted while the dispatcher drains the outbox and the runs write their projection: the
 * gateway and the worker run on a server of this test's own (same port and data after the restart). A sender
 * retries what was not answered 2xx, as Stripe does, so every event is eventually accepted; none accepted may be
 * lost, and nothing may stay stuck: every event dispatched, every run ended, once each.
 */
describe('faults (d): PostgreSQL restarted mid-dispatch', () => {
  let pg: RestartablePostgres;
  let dataSource: DataSource;
  let api: AdminApp;
  let worker: Awaited<ReturnType<typeof startWorkerApp>> | undefined;

  beforeAll(async () => {
    pg = await startRestartablePostgres();
    await runMigrations(pg.url);
    dataSource = await new DataSource(dataSourceOptions(pg.url)).initialize();
    // The outage makes every process log its failed requests and queries: only fatal lines are shown.
    api = await startAdminApp({ DAY_DURATION: '1s', DATABASE_URL: pg.url, LOG_LEVEL: 'fatal' });
    worker = await startWorkerApp(workerEnv(api, { DAY_DURATION: '1s', DATABASE_URL: pg.url, LOG_LEVEL: 'fatal' }));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await dataSource?.destroy();
    await pg?.destroy();
  });

  it('loses no accepted event and leaves nothing stuck', async () => {
    await createFaultAutomation(api);
    const subjects = await createSubjects(dataSource, EVENTS);
    const events = subjects.map((s) => paymentFailed(s));
    const accepted = new Set<string>();
    let refused = 0;
    // Bounded redelivery: each event is posted until it is answered 2xx (at most 120 tries, 250 ms apart).
    const deliver = async (event: (typeof events)[number]) => {
      for (let tries = 0; tries < 120; tries++) {
        const status = await postEvent(api, event);
        if (status >= 200 && status < 300) return void accepted.add(event.id);
        refused++;
        await delay(250);
      }
    };
    const half = Math.ceil(EVENTS / 2);
    await Promise.all(events.slice(0, half).map(deliver));
    // Mid-dispatch: the first half is being dispatched and its runs are starting when the server goes away.
    const restart = (async () => {
      await pg.stop();
      await delay(2_000);
      await pg.start();
    })();
    await Promise.all(events.slice(half).map(deliver));
    await restart;

    await eventually(async () => (await undispatched(dataSource)) === 0, 180_000).catch(() => undefined);
    const [{ stored }] = await dataSource.query(`SELECT count(*)::int AS stored FROM events WHERE provider_event_id = ANY($1)`, [[...accepted]]);
    const stuckEvents = await undispatched(dataSource);
    const { wait, ...fx } = await whenAllEnded(dataSource, subjects, WAIT);
    const open = await openInTemporal(api.app.get(Client), api.taskQueue);

    recordFigures('(d) PostgreSQL restart', [
      info('events (half posted during the restart)', EVENTS),
      info('posts refused while it was down (redelivered)', refused),
      must('accepted', accepted.size, EVENTS),
      must('lost (accepted, not stored)', accepted.size - stored, 0),
      must('stuck events (not dispatched)', stuckEvents, 0),
      must('stuck runs (not ended)', fx.running + fx.subjectsWithoutRun, 0),
      must('workflows still open in Temporal', open, 0),
      info('wait for the runs to end', waitFigure(wait)),
      must('duplicate charges + emails', fx.duplicateCharges + fx.duplicateEmails, 0),
    ]);
    expect({ accepted: accepted.size, lost: accepted.size - stored, stuckEvents, open, ...fx }).toEqual({
      accepted: EVENTS, lost: 0, stuckEvents: 0, open: 0, runs: EVENTS, running: 0, subjectsWithoutRun: 0, charges: EVENTS, emails: EVENTS, duplicateCharges: 0, duplicateEmails: 0,
    });
  });
});
