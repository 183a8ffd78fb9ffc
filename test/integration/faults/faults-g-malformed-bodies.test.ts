import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { info, must, recordFigures } from '../../../testkit/faults/fault-figures';
import { malformedRequest, type MalformedRequest } from '../../../testkit/faults/malformed-bodies';
import { KEY, startAdminApp, type AdminApp } from '../../e2e/admin-helpers';
import { insertAutomation, temporalClient, WEBHOOK_SECRETS } from '../../support/ingestion-app';
import { size } from './fault-world';

jest.setTimeout(900_000);

const BODIES = size(600, 10_000);
const SEED = Number(process.env.FAULTS_SEED ?? 7);

/** Sends one request over a keep-alive agent; answers the status, or 0 when no answer came. */
function send(port: number, agent: Agent, req: MalformedRequest): Promise<number> {
  return new Promise((resolve) => {
    const r = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: req.route, agent, timeout: 30_000,
      headers: { ...req.headers, 'content-length': String(req.body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('timeout', () => r.destroy());
    r.on('error', () => resolve(0));
    r.end(req.body);
  });
}

/*
 * (g) Hostile bodies on both ingestion routes, over real HTTP to the real gateway (the rate limit raised so that
 * every body reaches the checks behind it): none may be answered 5xx, none stored, none may start a run (an
 * automation matches the events they imitate, and the dispatcher is on).
 */
describe('faults (g): malformed bodies on the ingestion routes', () => {
  let api: AdminApp;
  let port: number;

  beforeAll(async () => {
    api = await startAdminApp({ STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(','), RATE_LIMIT_INGEST: '1000000', LOG_LEVEL: 'fatal' });
    await new Promise<void>((resolve) => api.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api?.close());

  it('answers every one 4xx (or 200 ignored), stores none and starts no run', async () => {
    const automationId = await insertAutomation(api.db.dataSource, { trigger: { type: 'subscription_payment_failed' } });
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const statuses = new Map<number, number>();
    const serverErrors = new Map<string, number>(); // 5xx, unanswered and 2xx, by route, kind and status
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = next++; i < BODIES; i = next++) {
        const req = malformedRequest(SEED, i, WEBHOOK_SECRETS[1], KEY);
        const status = await send(port, agent, req);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status >= 500 || status === 0 || (status >= 200 && status < 300)) serverErrors.set(`${req.route} ${req.kind} ${status}`, (serverErrors.get(`${req.route} ${req.kind} ${status}`) ?? 0) + 1);
      }
    }));
    agent.destroy();
    await new Promise((r) => setTimeout(r, 2_000)); // a dispatcher pass, had anything been stored
    const [{ events }] = await api.db.dataSource.query('SELECT count(*)::int AS events FROM events');
    const client = await temporalClient();
    const { count: runs } = await client.workflow.count(`AutomationId="${automationId}"`);
    await client.connection.close();
    const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const unanswered = statuses.get(0) ?? 0;

    recordFigures('(g) malformed bodies', [
      info('bodies (seed)', `${BODIES} (${SEED})`),
      info('answers', [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ')),
      info('answered 2xx, 5xx or not at all, by route and kind', [...serverErrors].map(([k, n]) => `${k}: ${n}`).join('; ') || 'none'),
      must('answered 5xx', fiveXx, 0),
      must('not answered', unanswered, 0),
      must('stored events', events, 0),
      must('runs started', runs, 0),
    ]);
    expect({ fiveXx, unanswered, events, runs, answers: Object.fromEntries(serverErrors) }).toEqual({ fiveXx: 0, unanswered: 0, events: 0, runs: 0, answers: expect.anything() });
    // 2xx only for a signed Stripe event of a type the engine ignores (nothing stored), never 5xx or silence.
    expect([...serverErrors.keys()].filter((k) => !/^\/webhooks\/stripe \S+ 200$/.test(k))).toEqual([]);
  });
});
