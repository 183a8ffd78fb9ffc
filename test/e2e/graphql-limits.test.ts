import request from 'supertest';
import { AUTH, problemOf, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(60_000);

/** The stall repro: 5 000 aliased `__schema` queries (~324 KB). */
const aliasFlood = JSON.stringify({
  query: `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __schema { types { name fields { name args { name } } } }`).join(' ')} }`,
});

describe('GraphQL limits and authentication at the HTTP layer', () => {
  let api: AdminApp;
  const post = (body: string | object, auth?: string) => {
    const req = request(api.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (auth) req.set('Authorization', auth);
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  };

  beforeAll(async () => {
    api = await startAdminApp({ DISPATCHER_ENABLED: 'false' });
  });
  afterAll(() => api?.close());

  it('answers 401 problem+json without a valid key, introspection included; introspects with one', async () => {
    for (const auth of [undefined, 'Bearer wrong', 'Basic abc']) {
      problemOf(await post({ query: '{ __schema { queryType { name } } }' }, auth), 401);
      problemOf(await post({ query: '{ runs { hasMore } }' }, auth), 401);
    }
    const ok = await post({ query: '{ __schema { queryType { name } } }' }, AUTH).expect(200);
    expect(ok.body.data.__schema.queryType.name).toBe('Query');
  });

  it('answers the alias flood 4xx with and without a key, three at once, while /health/live answers', async () => {
    expect(aliasFlood.length).toBeGreaterThan(300_000);
    // The floods are sent first (a supertest request starts when awaited); /health/live is asked while they are
    // in flight. The ceiling is generous (the repro took up to 13.9 s): it catches a stall, not a slow machine.
    const floods = Promise.all([undefined, AUTH, AUTH].map((auth) => post(aliasFlood, auth).then((res) => res)));
    const started = Date.now();
    const lives = await Promise.all([0, 1, 2].map(() => request(api.app.getHttpServer()).get('/health/live').then((res) => res)));
    const liveMs = Date.now() - started;
    const [anonymous, ...keyed] = await floods;
    expect(lives.map((res) => res.status)).toEqual([200, 200, 200]);
    expect(liveMs).toBeLessThan(5_000);
    problemOf(anonymous, 401);
    for (const res of keyed) expect(problemOf(res, 413).detail).toMatch(/at most 65536 bytes/);
  });

  it('refuses with 400 before execution: too many aliases, too deep, too many tokens, batches', async () => {
    const aliases = await post({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(' ')} }` }, AUTH);
    expect(aliases.status).toBe(400);
    expect(aliases.body.errors[0].message).toMatch(/aliases/i);
    const deep = await post({ query: '{ runs { data { id } } automation(id: "x") { versions(limit: 1) { data { automationId } } } }' }, AUTH);
    expect([deep.status, deep.body.errors?.[0]?.message]).toEqual([200, expect.stringMatching(/No automation/)]); // a real query passes the limits (then: no automation x)
    const tooDeep = await post({ query: `query { ${'__type(name: "Run") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }'} }` }, AUTH);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors[0].message).toMatch(/depth/i);
    const tokens = await post({ query: `{ runs(${Array.from({ length: 1100 }, () => 'limit: 1').join(' ')}) { hasMore } }` }, AUTH);
    expect([tokens.status, tokens.body.errors[0].message]).toEqual([400, expect.stringMatching(/more that 2000 tokens/)]);
    const batch = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }], AUTH);
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(batch.status).toBeLessThan(500);
  });
});
