import { randomUUID } from 'node:crypto';
import { insertAutomation } from '../support/ingestion-app';
import { startAdminApp, type AdminApp } from './admin-helpers';

const TABLES = ['events', 'emails', 'run_steps', 'runs', 'sandbox_customers', 'sandbox_invoices', 'sandbox_subscriptions', 'outbox', 'audit_log'];

/*
 * DELETE /v1/customers/{id}/personal-data on the real gateway: a sandbox customer (its ledger row and the
 * customer.created event the sandbox emitted), a generic event about their invoice, and an ended run with its
 * email and steps as the worker writes them. Afterwards no row of any table holds their name, address or
 * metadata, while another customer's rows, the run and the analytics are untouched.
 */
describe('erasing a customer\'s personal data', () => {
  let admin: AdminApp;
  let automationId: string;
  let customer: { id: string };
  let runId: string;

  /** Every row of the engine's tables that mentions `needle`, as `table: row text` (a grep of the database). */
  const grep = async (needle: string) => (await Promise.all(TABLES.map(async (table) =>
    (await admin.db.dataSource.query(`SELECT t::text AS row FROM ${table} t WHERE strpos(lower(t::text), lower($1)) > 0`, [needle]))
      .map((r: { row: string }) => `${table}: ${r.row}`)))).flat();

  /** A customer with a sandbox row, an event about their invoice and an ended, recovered run with its email. */
  async function customerWithHistory(email: string, name: string) {
    const created = (await admin.post('/v1/sandbox/customers', { email, name, metadata: { nickname: `${name} nick` } }).expect(201)).body;
    const invoiceId = `in_${randomUUID()}`;
    await admin.post('/v1/events', {
      id: `evt_${randomUUID()}`, type: 'invoice_payment_failed', occurred_at: new Date().toISOString(),
      customer: { id: created.id, email, name, metadata: { nickname: `${name} nick` } },
      invoice: { id: invoiceId, customer_id: created.id, status: 'open', amount_due: 120_000, currency: 'usd' },
      attempt: { number: 1 },
    }).expect(202);
    const run = `run:${automationId}:invoice:${invoiceId}`;
    await admin.db.dataSource.query(
      `INSERT INTO runs (id, automation_id, automation_version, subject_type, subject_id, invoice_id, customer_id, status, outcome, amount_due, recovered_amount, currency, started_at, ended_at)
       VALUES ($1, $2, 1, 'invoice', $3, $3, $4, 'recovered', 'retry_succeeded', 120000, 120000, 'usd', now() - interval '2 days', now())`, [run, automationId, invoiceId, created.id]);
    await admin.db.dataSource.query(
      `INSERT INTO run_steps (run_id, step_index, attempt, type, status, detail, started_at, ended_at)
       VALUES ($1, 0, 0, 'send_customer_email', 'succeeded', $2, now(), now())`, [run, JSON.stringify({ email: { template: 'payment_failed', to: [email], messageId: 'm1' } })]);
    await admin.db.dataSource.query(
      `INSERT INTO emails (idempotency_key, run_id, template, to_addresses, from_address, subject, html, text, provider, status)
       VALUES ($1, $2, 'payment_failed', $3, 'billing@example.com', $4, $5, $5, 'outbox', 'sent')`,
      [`${run}:0`, run, [email], `${name}, your payment failed`, `<p>Dear ${name}</p>`]);
    return { customer: created as { id: string }, run };
  }

  beforeAll(async () => {
    admin = await startAdminApp();
    automationId = await insertAutomation(admin.db.dataSource, { trigger: { type: 'subscription_payment_failed' } });
    ({ customer, run: runId } = await customerWithHistory('erin.erased@customer.test', 'Erin Erasmus'));
    await customerWithHistory('kim.kept@customer.test', 'Kim Keeper');
  });
  afterAll(() => admin?.close());

  it('erases them everywhere in one request, says what it erased and who asked, and keeps the run', async () => {
    expect(await grep('erin.erased@customer.test')).not.toEqual([]); // the fixture does hold them
    const analyticsBefore = (await admin.get('/v1/analytics/recovery').expect(200)).body.totals;

    const res = await admin.del(`/v1/customers/${customer.id}/personal-data`).expect(200);
    expect(res.body).toMatchObject({ customerId: customer.id, erasedBy: 'key-1', events: 2, emails: 1, runSteps: 1, sandboxRows: 1, runsKept: 1 });

    for (const needle of ['erin.erased@customer.test', 'Erin Erasmus', 'Erasmus nick']) expect(await grep(needle)).toEqual([]);
    expect((await grep('kim.kept@customer.test')).length).toBeGreaterThanOrEqual(4); // event, sandbox row, email, step
    expect(await grep('Kim Keeper nick')).not.toEqual([]);

    const [audit] = await admin.db.dataSource.query(`SELECT actor, detail FROM audit_log WHERE action = 'customer.personal_data_erased' AND subject = $1`, [customer.id]);
    expect(audit).toMatchObject({ actor: 'key-1', detail: { events: 2, emails: 1, runSteps: 1, sandboxRows: 1, runsKept: 1 } });

    const run = (await admin.get(`/v1/runs/${encodeURIComponent(runId)}`).expect(200)).body;
    expect(run).toMatchObject({ status: 'recovered', customerId: customer.id });
    expect((await admin.get('/v1/analytics/recovery').expect(200)).body.totals).toEqual(analyticsBefore);
    const [{ id: eventId }] = await admin.db.dataSource.query(`SELECT id FROM events WHERE type = 'invoice_payment_failed' AND payload #>> '{customer,id}' = $1`, [customer.id]);
    const event = (await admin.get(`/v1/events/${eventId}`).expect(200)).body;
    expect(event.payload).toMatchObject({ customer: { id: customer.id, email: null, name: null, metadata: null }, invoice: { amount_due: 120_000 } });
  });

  it('drops an event of theirs still waiting for dispatch: no run starts from it', async () => {
    const { customer: late } = await customerWithHistory('lee.late@customer.test', 'Lee Late');
    const [{ id }] = await admin.db.dataSource.query(
      `INSERT INTO events (provider, provider_event_id, type, payload) VALUES ('generic', $1, 'customer_created', $2) RETURNING id`,
      [`evt_${randomUUID()}`, JSON.stringify({ id: 'evt_late', type: 'customer_created', customer: { id: late.id, email: 'lee.late@customer.test' } })]);
    await admin.db.dataSource.query(`INSERT INTO outbox (event_id, available_at) VALUES ($1, now() + interval '1 hour')`, [id]);
    await admin.del(`/v1/customers/${late.id}/personal-data`).expect(200);
    expect(await admin.db.dataSource.query('SELECT 1 FROM outbox WHERE event_id = $1', [id])).toEqual([]);
    const [event] = await admin.db.dataSource.query('SELECT status, outcome FROM events WHERE id = $1', [id]);
    expect(event).toEqual({ status: 'ignored', outcome: { reason: 'personal data erased before dispatch' } });
    expect(await grep('lee.late@customer.test')).toEqual([]);
  });

  it('erases nothing more when repeated', async () => {
    const res = await admin.del(`/v1/customers/${customer.id}/personal-data`).expect(200);
    expect(res.body).toMatchObject({ events: 0, emails: 0, runSteps: 0, sandboxRows: 0, runsKept: 1 });
  });

  it('answers 404 problem+json for a customer the engine has never seen', async () => {
    const res = await admin.del('/v1/customers/cus_never_seen/personal-data').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, detail: 'No customer cus_never_seen' });
    expect(await admin.db.dataSource.query(`SELECT 1 FROM audit_log WHERE subject = 'cus_never_seen'`)).toEqual([]);
  });

  it('is refused with 409 while one of their runs is going, and changes nothing', async () => {
    const { customer: busy, run } = await customerWithHistory('bo.busy@customer.test', 'Bo Busy');
    await admin.db.dataSource.query(`UPDATE runs SET status = 'running', ended_at = NULL WHERE id = $1`, [run]);
    const res = await admin.del(`/v1/customers/${busy.id}/personal-data`).expect(409);
    expect(res.body.detail).toContain(run);
    expect((await grep('bo.busy@customer.test')).length).toBeGreaterThanOrEqual(4);
  });

  it('has a GraphQL twin', async () => {
    const { customer: other } = await customerWithHistory('gil.graphql@customer.test', 'Gil Graphql');
    const { data, errors } = await admin.gql('mutation ($id: ID!) { erasePersonalData(customerId: $id) { customerId events emails runSteps sandboxRows runsKept erasedBy } }', { id: other.id });
    expect(errors).toBeUndefined();
    expect(data.erasePersonalData).toEqual({ customerId: other.id, events: 2, emails: 1, runSteps: 1, sandboxRows: 1, runsKept: 1, erasedBy: 'key-1' });
    expect(await grep('gil.graphql@customer.test')).toEqual([]);
  });
});
