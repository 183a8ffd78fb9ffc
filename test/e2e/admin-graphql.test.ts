import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { paymentFailedEvent, problemOf, recipe1, recipe2, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(60_000);

const AUTOMATION = 'id name status version priority trigger definition';

describe('admin API: GraphQL at /graphql', () => {
  let api: AdminApp;
  beforeAll(async () => {
    api = await startAdminApp();
  });
  afterAll(() => api?.close());

  const input = (def: typeof recipe1, extra: Record<string, unknown> = {}) => ({ ...structuredClone(def), ...extra });

  it('serves the committed SDL (services/gateway/graphql/schema.gql; UPDATE_GRAPHQL_SCHEMA=1 rewrites it)', () => {
    const file = path.resolve(__dirname, '../../services/gateway/graphql/schema.gql');
    const served = `${printSchema(api.app.get(GraphQLSchemaHost).schema)}\n`;
    if (process.env.UPDATE_GRAPHQL_SCHEMA === '1') writeFileSync(file, served);
    expect(readFileSync(file, 'utf8')).toBe(served);
  });

  it('requires the API key like REST, without leaking internals', async () => {
    for (const auth of [undefined, 'Bearer wrong']) {
      const req = request(api.app.getHttpServer()).post('/graphql');
      if (auth) req.set('Authorization', auth);
      const res = await req.send({ query: '{ automations { data { id } } }' });
      problemOf(res, 401); // refused at the HTTP layer, before anything is parsed or executed
      expect(res.text).not.toMatch(/stacktrace|\.ts:\d+/);
    }
  });

  it('creates, edits, lists, previews, disables, reorders and deletes automations through the REST services', async () => {
    const created = await api.gql(`mutation($i: CreateAutomationInput!) { createAutomation(input: $i) { ${AUTOMATION} } }`, { i: input(recipe1) });
    const a = created.data.createAutomation;
    expect(a).toMatchObject({ name: recipe1.name, status: 'enabled', version: 1, trigger: { type: 'subscription_payment_failed' }, definition: { steps: recipe1.steps } });
    const rest = await api.get(`/v1/automations/${a.id}`).expect(200); // same service, same data
    expect(rest.body).toMatchObject({ id: a.id, version: 1, definition: a.definition });

    const updated = await api.gql(`mutation($id: ID!, $i: UpdateAutomationInput!) { updateAutomation(id: $id, input: $i) { version definition } }`,
      { id: a.id, i: { steps: [{ type: 'wait', days: 3 }, { type: 'cancel_subscription' }] } });
    expect(updated.data.updateAutomation.version).toBe(2);
    const read = await api.gql(`query($id: ID!) { automation(id: $id) { version versions(limit: 5) { data { version } hasMore } } automationVersion(id: $id, version: 1) { definition } }`, { id: a.id });
    expect(read.data.automation).toEqual({ version: 2, versions: { data: [{ version: 2 }, { version: 1 }], hasMore: false } });
    expect(read.data.automationVersion.definition.steps).toEqual(recipe1.steps);

    const preview = await api.gql(`query($id: ID!, $i: PreviewAutomationInput!) { automationPreview(id: $id, input: $i) { wouldStartRun explanationLines timeline } }`,
      { id: a.id, i: { event: paymentFailedEvent() } });
    expect(preview.data.automationPreview).toMatchObject({ wouldStartRun: true, timeline: { entries: [{ action: 'wait' }, { action: 'cancel_subscription' }] } });

    const disabled = await api.gql(`mutation($id: ID!) { disableAutomation(id: $id, input: { mode: "cancel" }) { mode canceledRunIds automation { status } } }`, { id: a.id });
    expect(disabled.data.disableAutomation).toEqual({ mode: 'cancel', canceledRunIds: [], automation: { status: 'disabled' } });
    const enabled = await api.gql(`mutation($id: ID!) { enableAutomation(id: $id) { status } }`, { id: a.id });
    expect(enabled.data.enableAutomation.status).toBe('enabled');

    const second = (await api.gql(`mutation($i: CreateAutomationInput!) { createAutomation(input: $i) { id } }`, { i: input(recipe1, { priority: 1 }) })).data.createAutomation;
    const reordered = await api.gql(`mutation($ids: [String!]!) { reorderAutomations(input: { ids: $ids }) { id priority } }`, { ids: [a.id, second.id] });
    expect(reordered.data.reorderAutomations).toEqual([{ id: a.id, priority: 10 }, { id: second.id, priority: 20 }]);
    const list = await api.gql(`{ automations(trigger: "subscription_payment_failed", limit: 1) { data { id } hasMore nextStartingAfter } }`);
    expect(list.data.automations).toEqual({ data: [{ id: a.id }], hasMore: true, nextStartingAfter: a.id });

    const deleted = await api.gql(`mutation($id: ID!) { deleteAutomation(id: $id) { id deleted } }`, { id: second.id });
    expect(deleted.data.deleteAutomation).toEqual({ id: second.id, deleted: true });
  });

  it('reports invalid definitions as BAD_USER_INPUT with the problem and its field paths; unknown ids as BAD_USER_INPUT with status 404', async () => {
    const bad = await api.gql(`mutation($i: CreateAutomationInput!) { createAutomation(input: $i) { id } }`,
      { i: input(recipe2, { trigger: { type: 'invoice_overdue', days: 0 } }) });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 422, problem: { errors: [{ path: 'trigger.days' }] } });
    const missing = await api.gql(`{ automation(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(missing.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 404, problem: { type: '/problems/not-found' } });
    const unknownField = await api.gql(`mutation { createRetryPolicy(input: { name: "x", policy: {}, colour: "red" }) { id } }`);
    expect(unknownField.errors![0].message).toMatch(/colour/);
    expect(JSON.stringify([bad, missing, unknownField])).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it('manages retry policies', async () => {
    const created = await api.gql(`mutation { createRetryPolicy(input: { name: "Two weeks", policy: { type: "smart", window: "2w", maxRetries: 4 } }) { id name policy } }`);
    const p = created.data.createRetryPolicy;
    expect(p).toMatchObject({ name: 'Two weeks', policy: { type: 'smart', window: '2w', maxRetries: 4 } });
    const dup = await api.gql(`mutation { createRetryPolicy(input: { name: "Two weeks", policy: { type: "custom", days: [1] } }) { id } }`);
    expect(dup.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 409, problem: { type: '/problems/conflict' } });
    const updated = await api.gql(`mutation($id: ID!) { updateRetryPolicy(id: $id, input: { description: "short" }) { description } }`, { id: p.id });
    expect(updated.data.updateRetryPolicy.description).toBe('short');
    expect((await api.gql(`{ retryPolicies { data { id } } }`)).data.retryPolicies.data).toEqual([{ id: p.id }]);
    expect((await api.gql(`query($id: ID!) { retryPolicy(id: $id) { name } }`, { id: p.id })).data.retryPolicy.name).toBe('Two weeks');
    expect((await api.gql(`mutation($id: ID!) { deleteRetryPolicy(id: $id) { deleted } }`, { id: p.id })).data.deleteRetryPolicy.deleted).toBe(true);
  });

  it('reads events (with their explanation) and emails', async () => {
    const event = paymentFailedEvent();
    await api.post('/v1/events', event).expect(202);
    const events = await api.gql(`{ events(type: "invoice_payment_failed") { data { id providerEventId provider status explanation } } }`);
    const row = events.data.events.data.find((e: { providerEventId: string }) => e.providerEventId === event.id);
    expect(row).toMatchObject({ provider: 'generic' });
    const one = await api.gql(`query($id: ID!) { event(id: $id) { id payload } }`, { id: row.id });
    expect(one.data.event.payload).toMatchObject({ id: event.id });
    expect((await api.gql(`{ event(id: "nope") { id } }`)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 404 });

    await api.db.dataSource.query(
      `INSERT INTO emails (idempotency_key, run_id, template, to_addresses, from_address, subject, html, text, provider, status)
       VALUES ('k1', 'run:x', 'payment_failed', '{jane@customer.test}', 'billing@acme.test', 'Payment failed', '<p>x</p>', 'x', 'outbox', 'sent')`);
    const emails = await api.gql(`{ emails(runId: "run:x") { data { runId template to subject status } hasMore } }`);
    expect(emails.data.emails).toEqual({ data: [{ runId: 'run:x', template: 'payment_failed', to: ['jane@customer.test'], subject: 'Payment failed', status: 'sent' }], hasMore: false });
    const [{ id: emailId }] = (await api.get('/v1/emails?runId=run:x').expect(200)).body.data;
    const filtered = await api.gql(`{ emails(template: "payment_failed", to: "JANE@customer.test", status: "sent") { data { id idempotencyKey html } } }`);
    expect(filtered.data.emails.data).toEqual([{ id: emailId, idempotencyKey: 'k1', html: '<p>x</p>' }]);
    expect((await api.gql(`{ emails(template: "nope") { hasMore } }`)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 422 });
    expect((await api.gql(`query($id: ID!) { email(id: $id) { id to } }`, { id: emailId })).data.email).toEqual({ id: emailId, to: ['jane@customer.test'] });
    expect((await api.gql(`{ email(id: "00000000-0000-4000-8000-000000000000") { id } }`)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 404 });
  });

  it('submits a generic event as REST does: new, then a duplicate; invalid ones as BAD_USER_INPUT with paths', async () => {
    const event = paymentFailedEvent();
    const submit = `mutation($e: JSON!) { submitEvent(event: $e) { id received duplicate } }`;
    const first = (await api.gql(submit, { e: event })).data.submitEvent;
    expect(first).toEqual({ id: expect.any(String), received: true, duplicate: false });
    expect((await api.gql(submit, { e: event })).data.submitEvent).toEqual({ ...first, duplicate: true });
    expect((await api.get(`/v1/events/${first.id}`).expect(200)).body).toMatchObject({ providerEventId: event.id, payload: event });
    const bad = await api.gql(submit, { e: { ...event, id: `evt_${Date.now()}`, colour: 'red' } });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 422, problem: { errors: [expect.objectContaining({ path: '' })] } });
  });
});
