import request from 'supertest';
import { testMailerOptions } from '../../testkit/test-mailer';
import type { TemplateContext } from '../../domain/email-templates';
import { EmailErrorType } from '../../providers/email/email-errors';
import { EmailProviderError, type EmailProvider } from '../../providers/email/email-provider';
import { OutboxEmailProvider } from '../../providers/email/outbox/outbox-email.provider';
import { PostgresMailer } from '../../services/worker/adapters/postgres-mailer';
import { AUTH, problemOf, startAdminApp, type AdminApp } from './admin-helpers';
import { createEmailActivities } from '../../activities/email.activities';
import { buildTemplateContext } from '../../domain/email-templates';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { EmailEntity } from '../../services/common/database/entities/email.entity';
import { appConfig, type AppConfig } from '../../services/common/config/app.config';

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

describe('email templates: edited through the API, in the customer\'s language, with product names', () => {
  let api: AdminApp;
  beforeAll(async () => (api = await startAdminApp({ DISPATCHER_ENABLED: 'false', BRAND_COMPANY_NAME: 'Acme Cloud' })));
  afterAll(() => api?.close());

  /** A sandbox customer on an annual plan and the real customer-email activity over the outbox, as the worker wires it. */
  async function world(metadata: Record<string, string>) {
    const customer = (await api.post('/v1/sandbox/customers', { name: 'Ada', email: `ada-${Date.now()}@customer.test`, metadata }).expect(201)).body;
    const product = (await api.post('/v1/sandbox/products', { name: 'Pro Annual' }).expect(201)).body;
    const price = (await api.post('/v1/sandbox/prices', { productId: product.id, unitAmount: 123_450, currency: 'eur', interval: 'year' }).expect(201)).body;
    const sub = (await api.post('/v1/sandbox/subscriptions', { customerId: customer.id, priceId: price.id }).expect(201)).body;
    const billing = new SandboxBillingProvider(api.db.dataSource);
    const { branding } = api.app.get<AppConfig>(appConfig.KEY).email; // the app's, from BRAND_* as the worker reads it
    const mailer = new PostgresMailer({ ...testMailerOptions(api.db.dataSource), branding, provider: new OutboxEmailProvider() });
    const activities = createEmailActivities({ mailer, billing, teamEmailPolicy: async () => ({ domains: [], users: [] }) as never });
    // What a run's event carried: the product id, no name.
    const subscription = { ...(await billing.getSubscription(sub.id)), items: [{ priceId: price.id, productId: product.id, interval: 'year' as const }] };
    const invoice = { id: 'in_tpl', number: 'INV-7', customerId: customer.id, subscriptionId: sub.id, status: 'open' as const, collectionMethod: 'charge_automatically' as const,
      amountDue: 123_450, amountRemaining: 123_450, currency: 'eur', attemptCount: 1, metadata: {}, lines: [], hostedInvoiceUrl: 'https://pay.example.com/in_tpl' };
    const ctx = buildTemplateContext({ automation: { automationId: 'a1', name: 'Dunning', version: 1 }, customerId: customer.id, invoice, subscription, now: Date.UTC(2026, 2, 3), dayMs: 86_400_000 });
    const send = async (key: string) => {
      const { messageId } = await activities.sendCustomerEmail({ idempotencyKey: key, at: 0, template: 'payment_failed', customerId: customer.id, context: ctx, tags: {} });
      return api.db.dataSource.manager.findOneByOrFail(EmailEntity, { id: messageId });
    };
    return { product, send };
  }

  it('French renders for a customer with locale fr, naming the product, not its id', async () => {
    const { product, send } = await world({ locale: 'fr' });
    const email = await send(`tpl-fr-${Date.now()}`);
    expect(email.subject).toBe('Échec du paiement de la facture INV-7');
    expect(email.text).toMatch(/Nous n’avons pas pu encaisser 1\s234,50\s€ pour la facture INV-7 \(Pro Annual\)/);
    expect(email.text).not.toContain(product.id);
    expect(email.html).toContain('Acme Cloud');
    expect(email).toMatchObject({ templateVersion: 1, templateLanguage: 'fr' });
    const english = await (await world({})).send(`tpl-en-${Date.now()}`);
    expect(english.text).toContain('We could not collect €1,234.50 for invoice INV-7 (Pro Annual)');
    expect(english.templateLanguage).toBe('en');
  });

  it('a template edited through the API changes the next email; the email already stored keeps its version', async () => {
    const { send } = await world({ locale: 'fr-CA' });
    const key = `tpl-edit-${Date.now()}`;
    const before = await send(key);
    const current = (await api.get('/v1/email-templates').expect(200)).body.data.find((t: { name: string; language: string }) => t.name === 'payment_failed' && t.language === 'fr');
    const edited = { ...current.content, subject: 'Paiement refusé : {{invoice.number}} ({{join subscription.products}})' };
    const saved = (await api.post('/v1/email-templates/payment_failed/versions', { language: 'fr', ...edited }).expect(201)).body;
    expect(saved).toMatchObject({ name: 'payment_failed', language: 'fr', version: current.version + 1, createdBy: expect.any(String) });
    const next = await send(`${key}-next`);
    expect(next.subject).toBe('Paiement refusé : INV-7 (Pro Annual)');
    expect(next.templateVersion).toBe(saved.version);
    const retried = await send(key); // the same step's retry: the first answer, not a re-render
    expect(retried).toMatchObject({ id: before.id, subject: before.subject, templateVersion: before.templateVersion });
    const versions = (await api.get('/v1/email-templates/payment_failed/versions?language=fr').expect(200)).body.data;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([saved.version, current.version]);
  });

  it('refuses a typo at save with the field it is in, and stores nothing', async () => {
    const current = (await api.get('/v1/email-templates/payment_failed/versions?language=en').expect(200)).body.data[0];
    const typo = problemOf(await api.post('/v1/email-templates/payment_failed/versions', { language: 'en', ...current.content, text: 'Hi {{customer.nmae}}' }), 422);
    expect(typo.errors).toEqual([{ path: 'content.text', message: expect.stringContaining('unknown variable {{customer.nmae}}') }]);
    const syntax = problemOf(await api.post('/v1/email-templates/payment_failed/versions', { language: 'en', ...current.content, body: '<mj-text>{{#if invoice}}</mj-text>' }), 422);
    expect(syntax.errors).toEqual([{ path: 'content.body', message: expect.stringMatching(/^syntax error/) }]);
    problemOf(await api.post('/v1/email-templates/nope/versions', { language: 'en', ...current.content }), 404);
    problemOf(await api.post('/v1/email-templates/payment_failed/versions', { language: 'de', ...current.content }), 422);
    const after = (await api.get('/v1/email-templates/payment_failed/versions?language=en').expect(200)).body.data;
    expect(after[0].version).toBe(current.version);
  });

  it('previews a version or unsaved content on sample data, through REST and GraphQL', async () => {
    const preview = (await api.post('/v1/email-templates/invoice_overdue/preview', { language: 'fr' }).expect(200)).body;
    expect(preview).toMatchObject({ subject: 'La facture INV-0042 est en retard de 11 jours', version: 1, data: 'sample' });
    expect(preview.html).toMatch(/^<!doctype html>/i);
    expect(preview.html).toContain('Acme Cloud'); // BRAND_COMPANY_NAME
    const draft = (await api.post('/v1/email-templates/invoice_overdue/preview', { content: { subject: 'Draft {{invoice.number}}', body: '<mj-text>x</mj-text>', text: 'x' } }).expect(200)).body;
    expect(draft).toMatchObject({ subject: 'Draft INV-0042', version: null });
    problemOf(await api.post('/v1/email-templates/invoice_overdue/preview', { runId: 'run:none' }), 404);
    const gql = await api.gql('{ emailTemplates { data { name language version } } }');
    expect(gql.data.emailTemplates.data).toEqual(expect.arrayContaining([{ name: 'team_memo', language: 'fr', version: 1 }]));
    const p = await api.gql('mutation($i: PreviewEmailTemplateInput) { previewEmailTemplate(name: "payment_failed", input: $i) { subject data } }', { i: { language: 'en' } });
    expect(p.data.previewEmailTemplate).toEqual({ subject: 'Payment failed for invoice INV-0042', data: 'sample' });
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
