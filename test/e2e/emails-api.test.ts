import request from 'supertest';
import { testMailerOptions } from '../../testkit/test-mailer';
import type { TemplateContext } from '../../domain/email-templates';
import { EmailErrorType } from '../../providers/email/email-errors';
import { EmailProviderError, type EmailProvider } from '../../providers/email/email-provider';
import { OutboxEmailProvider } from '../../providers/email/outbox/outbox-email.provider';
import { PostgresMailer } from '../../services/worker/adapters/postgres-mailer';
import { AUTH, problemOf, startAdminApp, type AdminApp } from './admin-helpers';

const auth = { Authorization: AUTH };
const context: TemplateContext = {
  automation: { id: 'a1', name: 'Dunning', version: 1 }, customer: { id: 'cus_1', name: 'Ada', email: 'ada@customer.test' }, today: 'Jan 2, 2026',
};

describe('GET /v1/emails (the outbox)', () => {
  let api: AdminApp;
  const runId = `run:emails-api:${Date.now()}`;
  const ids: string[] = [];

  beforeAll(async () => {
    api = await startAdminApp({ DISPATCHER_ENABLED: 'false' });
    const mailer = new PostgresMailer({ ...testMailerOptions(api.db.dataSource), provider: new OutboxEmailProvider() });
    for (const [i, template, to] of [[0, 'payment_failed', 'Ada@Customer.test'], [1, 'team_memo', 'ops@example.com'], [2, 'cancellation_confirmation', 'ada@customer.test']] as const) {
      ids.push((await mailer.send({ idempotencyKey: `${runId}:${i}`, template, to: [to], context: { ...context, memo: 'Heads up' }, tags: { workflowId: runId } })).messageId);
    }
  });
  afterAll(() => api?.close());

  const list = (query: string) => request(api.app.getHttpServer()).get(`/v1/emails?${query}`).set(auth).expect(200).then((r) => r.body);

  it('lists a run\'s emails newest first with their rendered content, and pages', async () => {
    const page = await list(`runId=${encodeURIComponent(runId)}`);
    expect(page.data.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
    expect(page.data[2]).toMatchObject({ template: 'payment_failed', status: 'sent', provider: 'outbox', runId, from: 'billing@example.com' });
    expect(page.data[2].html).toContain('<html');
    expect(page.data[2].text.length).toBeGreaterThan(0);
    const first = await list(`runId=${encodeURIComponent(runId)}&limit=2`);
    expect(first).toMatchObject({ hasMore: true, nextStartingAfter: ids[1] });
    expect((await list(`runId=${encodeURIComponent(runId)}&limit=2&starting_after=${ids[1]}`)).data.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
  });

  it('filters by template and by recipient, ignoring case', async () => {
    expect((await list(`runId=${encodeURIComponent(runId)}&template=team_memo`)).data.map((e: { id: string }) => e.id)).toEqual([ids[1]]);
    expect((await list(`runId=${encodeURIComponent(runId)}&to=ada@customer.test`)).data.map((e: { id: string }) => e.id)).toEqual([ids[2], ids[0]]);
  });

  it('answers one email, 404 for an unknown id, 422 for a bad filter, 401 without a key', async () => {
    const one = await request(api.app.getHttpServer()).get(`/v1/emails/${ids[0]}`).set(auth).expect(200);
    expect(one.body).toMatchObject({ id: ids[0], idempotencyKey: `${runId}:0` });
    await request(api.app.getHttpServer()).get('/v1/emails/00000000-0000-0000-0000-000000000000').set(auth).expect(404);
    await request(api.app.getHttpServer()).get('/v1/emails/nope').set(auth).expect(404);
    const bad = problemOf(await request(api.app.getHttpServer()).get('/v1/emails?template=nope&limit=0').set(auth), 422);
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['limit', 'template']);
    await request(api.app.getHttpServer()).get('/v1/emails').expect(401);
  });
});

describe('emails whose send outcome is unknown: listed, and resent only on request', () => {
  let api: AdminApp;
  const runId = `run:emails-unknown:${Date.now()}`;
  const http = () => request(api.app.getHttpServer());
  const as = { Authorization: 'Bearer ops-key-0123456789' };
  let unknownId: string;
  let sentId: string;

  beforeAll(async () => {
    api = await startAdminApp({ DISPATCHER_ENABLED: 'false', ADMIN_API_KEYS: 'ops:ops-key-0123456789' });
    // SendGrid accepted the request but the answer never came: the worker's mailer records `unknown`.
    let calls = 0;
    const ambiguous: EmailProvider = {
      name: 'sendgrid', idempotent: false, maxSendMs: 1_000,
      async send() {
        calls++;
        throw new EmailProviderError('SendGrid did not answer (ECONNABORTED): the email may have been sent', EmailErrorType.OutcomeUnknown, false);
      },
    };
    const mailer = new PostgresMailer({ ...testMailerOptions(api.db.dataSource), provider: ambiguous });
    const message = (i: number) => ({ idempotencyKey: `${runId}:${i}`, template: 'payment_failed' as const, to: ['ada@customer.test'], context, tags: { workflowId: runId } });
    const first = await mailer.send(message(0));
    expect(first.outcome).toBe('unknown');
    expect((await mailer.send(message(0))).outcome).toBe('unknown'); // a retry of the step sends nothing
    expect(calls).toBe(1);
    unknownId = first.messageId;
    const outbox = new PostgresMailer({ ...testMailerOptions(api.db.dataSource), provider: new OutboxEmailProvider() });
    sentId = (await outbox.send(message(1))).messageId;
  });
  afterAll(() => api?.close());

  it('lists them with GET /v1/emails?status=unknown and GraphQL', async () => {
    const { body } = await http().get(`/v1/emails?status=unknown&runId=${encodeURIComponent(runId)}`).set(as).expect(200);
    expect(body.data).toMatchObject([{ id: unknownId, status: 'unknown', attempts: 1, sentAt: null, resentBy: null, error: expect.stringContaining('may have been sent') }]);
    const gql = await http().post('/graphql').set(as).send({ query: `{ emails(status: "unknown", runId: "${runId}") { data { id status } } }` });
    expect(gql.body.data.emails.data).toEqual([{ id: unknownId, status: 'unknown' }]);
  });

  it('resends one with POST /v1/emails/{id}/resend, recording the key that asked; a second resend answers 409', async () => {
    const { body } = await http().post(`/v1/emails/${unknownId}/resend`).set(as).expect(200);
    expect(body).toMatchObject({ id: unknownId, status: 'sent', attempts: 2, resentBy: 'ops', resentAt: expect.any(String), error: null });
    const audit = await api.db.dataSource.query('SELECT actor, action FROM audit_log WHERE subject = $1', [unknownId]);
    expect(audit).toEqual([{ actor: 'ops', action: 'email.resend' }]);
    const again = problemOf(await http().post(`/v1/emails/${unknownId}/resend`).set(as), 409);
    expect(again.detail).toContain('this one is sent');
    problemOf(await http().post(`/v1/emails/${sentId}/resend`).set(as), 409);
    problemOf(await http().post('/v1/emails/00000000-0000-0000-0000-000000000000/resend').set(as), 404);
  });

  it('resends through GraphQL resendEmail as well', async () => {
    await api.db.dataSource.query(`UPDATE emails SET status = 'unknown' WHERE id = $1`, [sentId]);
    const gql = await http().post('/graphql').set(as).send({ query: `mutation { resendEmail(id: "${sentId}") { id status resentBy attempts } }` });
    expect(gql.body.data.resendEmail).toEqual({ id: sentId, status: 'sent', resentBy: 'ops', attempts: 2 });
  });
});
