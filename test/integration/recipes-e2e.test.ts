import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { AutomationDefinition } from '../../domain/automation';
import type { RunState } from '../../domain/run';
import { stateQuery } from '../../workflows/messages';
import { body, recipe1, recipe2, recipe3, startAdminApp, type AdminApp } from '../e2e/admin-helpers';
import { eventually, temporalClient } from '../support/ingestion-app';
import { endedRun, runOf, sandboxClient, startWorkerApp, workerEnv, type SandboxClient } from '../support/recipes-world';
import { hasChromium, launchChromium } from '../support/chromium';

jest.setTimeout(180_000);

/** One "day" of the run's schedules: recipe 1 (60-day window + 7-day grace) plays out in about 17 s. */
const DAY_MS = 250;

/*
 * The three recipes end to end with the defaults (sandbox billing, outbox email) on the real dev server and
 * PostgreSQL: automations created through the admin API, the sandbox ledger's own events as triggers (through
 * the gateway's outbox and dispatcher), the real worker and activities. The tests of this file share one world
 * and run in order: recipe 1's run is started first and checked last, so the others play out meanwhile.
 */
describe('recipes end to end on the sandbox and the outbox', () => {
  let api: AdminApp;
  let worker: { close(): Promise<void> };
  let sandbox: SandboxClient;
  const ids = { recipe1: '', recipe2: '', recipe3: '' };
  const catalog = { basicYear: '', proMonth: '', pro: '' };
  const run1 = { id: '', invoiceId: '', subscriptionId: '' };
  // The self-service page's run (when Chromium is there to drive it).
  const payRun = { id: '' };
  // Outbound events: one endpoint that answers, one that never answers, one where nothing listens.
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let hung = 0;
  const hooks: { ok?: Server; hanging?: Server } = {};
  const endpoints = { ok: { id: '', secret: '' }, hanging: '', refused: '' };

  /** A local receiver; `answer` false: it takes the request and never answers. */
  async function hookServer(answer: boolean): Promise<{ server: Server; url: string }> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (!answer) return void hung++;
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` };
  }

  beforeAll(async () => {
    api = await startAdminApp({ DAY_DURATION: `${DAY_MS}ms`, OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' });
    const ok = await hookServer(true);
    const hanging = await hookServer(false);
    Object.assign(hooks, { ok: ok.server, hanging: hanging.server });
    const closed = await hookServer(true);
    await new Promise((resolve) => closed.server.close(resolve)); // its port now refuses connections
    const register = async (url: string) => (await api.post('/v1/webhook-endpoints', { url, eventTypes: ['*'] }).expect(201)).body;
    const good = await register(ok.url);
    Object.assign(endpoints, { ok: { id: good.id, secret: good.secret }, hanging: (await register(hanging.url)).id, refused: (await register(closed.url)).id });
    // Served over HTTP for the browser; the worker mints the emails' /pay links on this address.
    await api.app.listen(0, '127.0.0.1');
    const pageUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorkerApp(workerEnv(api, { DAY_DURATION: `${DAY_MS}ms`, SELF_SERVICE_PAGE_URL: pageUrl }));
    sandbox = sandboxClient(api);
    const basic = await sandbox.product('Basic');
    const pro = await sandbox.product('Pro');
    catalog.pro = pro.id;
    catalog.basicYear = (await sandbox.price(basic.id, 120_000, 'year')).id;
    catalog.proMonth = (await sandbox.price(pro.id, 4_900, 'month')).id;
    const recipe3OnPro: AutomationDefinition = { ...recipe3, filters: { type: 'product', in: [pro.id] } };
    for (const [key, def] of [['recipe1', recipe1], ['recipe2', recipe2], ['recipe3', recipe3OnPro]] as const) {
      const res = await api.post('/v1/automations', body(def));
      if (res.status !== 201) throw new Error(`creating ${key}: ${res.status} ${res.text}`);
      ids[key] = res.body.id;
    }
  });
  afterAll(async () => {
    await worker?.close();
    hooks.hanging?.closeAllConnections(); // the gateway's sends to it end at once instead of at their timeout
    await api?.close();
    for (const server of [hooks.ok, hooks.hanging]) await new Promise((resolve) => server?.close(resolve));
  });

  /** The events the answering endpoint got for a run, each verified with the standardwebhooks library and the endpoint's secret. */
  function verifiedEvents(runId: string): { type: string; timestamp: string; data: Record<string, any> }[] {
    const verifier = new Webhook(endpoints.ok.secret);
    return received.map(({ headers, body }) => verifier.verify(body, {
      'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']),
    }) as { type: string; timestamp: string; data: Record<string, any> }).filter((e) => e.data.runId === runId);
  }

  /** A customer on a yearly Basic subscription whose card declines with insufficient_funds, and its renewal invoice, failed once. */
  async function failingAnnualRenewal(email: string) {
    const customer = await sandbox.customer({ email });
    await sandbox.card(customer.id, { outcome: 'decline', declineCode: 'insufficient_funds' });
    const subscription = await sandbox.subscription(customer.id, catalog.basicYear);
    const invoice = await sandbox.invoice({ customerId: customer.id, subscriptionId: subscription.id });
    const attempt = await sandbox.attempt(invoice.id); // the renewal charge: emits invoice_payment_failed, attempt 1
    expect(attempt).toMatchObject({ status: 'failed', declineCode: 'insufficient_funds' });
    return { customer, subscription, invoice };
  }

  it('recipe 1 starts on the first failed renewal; its run is live through REST and GraphQL', async () => {
    const { invoice, subscription } = await failingAnnualRenewal('annual-a@customer.test');
    Object.assign(run1, { invoiceId: invoice.id, subscriptionId: subscription.id });
    run1.id = (await runOf(api, `invoiceId=${invoice.id}`)).id;
    expect(run1.id).toBe(`run:${ids.recipe1}:invoice:${invoice.id}`);

    const live = await eventually(async () => {
      const { body: r } = await api.get(`/v1/runs/${encodeURIComponent(run1.id)}`);
      return r.live?.step === 'retry_payment' && r.live?.nextAction && r;
    });
    expect(live).toMatchObject({
      status: 'running', source: 'workflow', automationId: ids.recipe1, automationVersion: 1, invoiceId: invoice.id,
      subscriptionId: subscription.id, amountDue: 120_000, currency: 'usd',
      pinnedVersion: { version: 1, definition: { steps: recipe1.steps } },
      live: { version: 1, step: 'retry_payment' },
    });
    expect(live.live.attempts[0]).toMatchObject({ source: 'trigger', status: 'failed', declineCode: 'insufficient_funds' });
    expect(live.live.nextAction.description).toMatch(/^retry payment \(\d\)$/);

    const gql = await api.gql(
      'query($id: ID!, $a: String) { run(id: $id) { id status source automationVersion pinnedVersion { version } live } runs(automationId: $a) { data { id status } } }',
      { id: run1.id, a: ids.recipe1 },
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data.run).toMatchObject({ id: run1.id, status: 'running', source: 'workflow', automationVersion: 1, pinnedVersion: { version: 1 }, live: { version: 1, step: 'retry_payment' } });
    expect(gql.data.runs.data).toEqual([{ id: run1.id, status: 'running' }]);
  });

  it('an edit while the run is going: that run stays on version 1, the next failure runs version 2', async () => {
    const v2Steps = [
      { type: 'retry_payment', policy: { type: 'custom', days: [1] } },
      { type: 'cancel_subscription' },
      { type: 'mark_invoice_uncollectible' },
    ];
    const edited = await api.patch(`/v1/automations/${ids.recipe1}`, { steps: v2Steps }).expect(200);
    expect(edited.body.version).toBe(2);

    const { invoice, subscription } = await failingAnnualRenewal('annual-b@customer.test');
    const runB = await runOf(api, `invoiceId=${invoice.id}`);
    expect(runB.automationVersion).toBe(2);
    const ended = await endedRun(api, runB.id);
    expect(ended).toMatchObject({
      status: 'completed', outcome: 'invoice_marked_uncollectible', automationVersion: 2, source: 'projection',
      pinnedVersion: { version: 2, definition: { steps: v2Steps } },
    });
    // Version 2's one retry, then the cancellation and the write-off: two charges in all.
    const ledger = await sandbox.getInvoice(invoice.id);
    expect(ledger).toMatchObject({ status: 'uncollectible', attemptCount: 2 });
    expect(ledger.charges.map((c: { status: string }) => c.status)).toEqual(['failed', 'failed']);
    expect(await sandbox.getSubscription(subscription.id)).toMatchObject({ status: 'canceled', cancellationReason: 'payment_failed' });

    // Meanwhile the first run is still retrying on version 1, as its resource shows.
    const { body: a } = await api.get(`/v1/runs/${encodeURIComponent(run1.id)}`).expect(200);
    expect(a).toMatchObject({
      status: 'running', automationVersion: 1, source: 'workflow',
      pinnedVersion: { version: 1, definition: { steps: recipe1.steps } }, live: { version: 1, step: 'retry_payment' },
    });
    const list = await api.get(`/v1/runs?automationId=${ids.recipe1}`).expect(200);
    expect(list.body.data.map((r: { id: string; automationVersion: number }) => [r.id, r.automationVersion]).sort())
      .toEqual([[run1.id, 1], [runB.id, 2]].sort());
  });

  it('recipe 3: a Pro subscription canceled → one cancellation confirmation with the survey link', async () => {
    const customer = await sandbox.customer({ email: 'ada@customer.test', name: 'Ada Lovelace' });
    await sandbox.card(customer.id, {});
    const subscription = await sandbox.subscription(customer.id, catalog.proMonth);
    await sandbox.cancelSubscription(subscription.id);

    const run = await runOf(api, `subscriptionId=${subscription.id}&automationId=${ids.recipe3}`);
    expect(run.id).toBe(`run:${ids.recipe3}:subscription:${subscription.id}`);
    const ended = await endedRun(api, run.id);
    expect(ended).toMatchObject({ status: 'completed', outcome: 'all_steps_done', customerId: customer.id });
    expect(ended.steps).toMatchObject([{ stepIndex: 0, type: 'send_customer_email', status: 'completed', detail: { email: { template: 'cancellation_confirmation', to: ['ada@customer.test'] } } }]);

    const { body: emails } = await api.get(`/v1/emails?runId=${encodeURIComponent(run.id)}`).expect(200);
    expect(emails.data).toHaveLength(1);
    const [email] = emails.data;
    expect(email).toMatchObject({
      template: 'cancellation_confirmation', to: ['ada@customer.test'], from: 'billing@example.com', status: 'sent', provider: 'outbox',
      subject: 'Your subscription has been canceled', sentAt: expect.any(String),
    });
    expect(email.text).toContain('Hi Ada Lovelace,');
    expect(email.text).toContain(`Reference: ${subscription.id}`);
    // The product's name from the sandbox catalog, not its id (the event carried only the id).
    expect(email.text).toContain('Your subscription to Pro was canceled on');
    expect(email.text).toContain('Plan: Pro\n');
    expect(email.text).not.toContain(catalog.pro);
    expect(email.text).toContain('Billed: every month');
    expect(email.text).toContain('https://acme.test/survey');
    expect(email.html).toContain('<a href="https://acme.test/survey">answer the survey</a>');
    expect(email.idempotencyKey.startsWith(`${run.id}:`)).toBe(true);
  });

  it('recipe 2: a $600 send_invoice invoice 7 days overdue → one memo to finance; a $400 one → none', async () => {
    const customer = await sandbox.customer({ email: 'ap@bigco.test', name: 'BigCo' });
    const dueDate = new Date().toISOString();
    const large = await sandbox.invoice({ customerId: customer.id, amountDue: 60_000, currency: 'usd', collectionMethod: 'send_invoice', dueDate });
    const small = await sandbox.invoice({ customerId: customer.id, amountDue: 40_000, currency: 'usd', collectionMethod: 'send_invoice', dueDate });

    // The deadline timers raise invoice_overdue (days 7) for both; only the large one passes the amount filter.
    const run = await runOf(api, `invoiceId=${large.id}&automationId=${ids.recipe2}`);
    const ended = await endedRun(api, run.id);
    expect(ended).toMatchObject({ status: 'completed', outcome: 'all_steps_done', amountDue: 60_000 });
    const { body: emails } = await api.get(`/v1/emails?runId=${encodeURIComponent(run.id)}`).expect(200);
    expect(emails.data).toHaveLength(1);
    const [memo] = emails.data;
    expect(memo).toMatchObject({ template: 'team_memo', to: ['finance@acme.test'], status: 'sent', provider: 'outbox' });
    // days_overdue is counted when the memo is written, in the run's day length: at least the trigger's 7.
    const days = Number(/^\[Billing\] Invoice over \$500 overdue by (\d+) days$/.exec(memo.subject)?.[1]);
    expect(days).toBeGreaterThanOrEqual(7);
    expect(memo.text).toContain(`Invoice over $500 overdue by ${days} days`);
    expect(memo.text).toContain(`Customer: BigCo <ap@bigco.test> (${customer.id})`);
    expect(memo.text).toMatch(new RegExp(`Invoice: ${large.number}: \\$600\\.00 of \\$600\\.00 due on .+, ${days} days overdue`));
    expect(memo.html).toContain(`${large.number}: $600.00 of $600.00 due`);

    const smallOverdue = await eventually(async () => {
      const rows: { status: string; matched_automation_id: string | null; outcome: { notes: string[] } }[] = await api.db.dataSource.query(
        `SELECT status, matched_automation_id, outcome FROM events WHERE provider = 'system' AND provider_event_id = $1`,
        [`derived:invoice_overdue:${small.id}:7`]);
      return rows[0]?.status === 'dispatched' && rows[0];
    });
    expect(smallOverdue.matched_automation_id).toBeNull();
    expect(smallOverdue.outcome.notes.join(' ')).toMatch(/no automation for trigger invoice_overdue matched/);
    expect((await api.get(`/v1/runs?invoiceId=${small.id}`).expect(200)).body.data).toEqual([]);
  });

  (hasChromium('recipes-e2e') ? it : it.skip)('the payment-failed email\'s self-service link: the page, in headless Chromium, pays the invoice and the run ends recovered', async () => {
    const product = await sandbox.product('Team');
    const price = await sandbox.price(product.id, 2_500, 'month');
    const def: AutomationDefinition = {
      name: 'Monthly Team plans: retry, email the link, grace', trigger: { type: 'subscription_payment_failed' }, filters: { type: 'product', in: [product.id] },
      steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [1] } }, { type: 'send_customer_email', template: 'payment_failed' }, { type: 'wait', days: 60 }, { type: 'cancel_subscription' }],
    };
    const automationId = (await api.post('/v1/automations', body(def)).expect(201)).body.id;
    // The card declines the renewal and the run's first retry, then works: the customer pays on the page.
    const customer = await sandbox.customer({ email: 'grace@customer.test', name: 'Grace Hopper' });
    const decline = { outcome: 'decline', declineCode: 'insufficient_funds' };
    await sandbox.card(customer.id, { last4: '4242', nextOutcomes: [decline, decline] });
    const subscription = await sandbox.subscription(customer.id, price.id);
    const invoice = await sandbox.invoice({ customerId: customer.id, subscriptionId: subscription.id });
    expect(await sandbox.attempt(invoice.id)).toMatchObject({ status: 'failed' });

    const run = await runOf(api, `invoiceId=${invoice.id}&automationId=${automationId}`);
    payRun.id = run.id;
    const email = await eventually(async () => {
      const [sent] = (await api.get(`/v1/emails?runId=${encodeURIComponent(run.id)}`).expect(200)).body.data;
      return sent?.status === 'sent' && sent;
    });
    expect(email).toMatchObject({ template: 'payment_failed', to: ['grace@customer.test'], status: 'sent' });
    const link = /href="(http:\/\/127\.0\.0\.1:\d+\/pay\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)"/.exec(email.html)?.[1];
    expect(link).toBeDefined();
    expect(email.text).toContain(link);
    // By the time of the email the run's retry has declined: the invoice waits on its second charge.
    expect(await sandbox.getInvoice(invoice.id)).toMatchObject({ status: 'open', attemptCount: 2 });

    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const external: string[] = [];
      page.on('request', (r) => { if (!r.url().startsWith(new URL(link!).origin)) external.push(r.url()); });
      const opened = await page.goto(link!);
      expect(opened?.status()).toBe(200);
      expect(await page.locator('#invoice-number').textContent()).toBe(invoice.number);
      expect(await page.locator('#amount-due').textContent()).toBe('$25.00');
      expect(await page.locator('li').first().textContent()).toContain('visa ending in 4242');
      await Promise.all([page.waitForURL(link!), page.locator('#pay').click()]);
      expect(await page.locator('#notice').textContent()).toBe('Thank you: the invoice is paid.');
      expect(await page.locator('#invoice-status').textContent()).toBe('This invoice is paid.');
      // A tampered link: a 404 page, not the invoice.
      const tampered = await page.goto(`${link!.slice(0, -4)}AAAA`);
      expect(tampered?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Link not found');
      expect(external).toEqual([]);
    } finally {
      await browser.close();
    }

    // The page's charge is a real sandbox charge: its invoice_paid went through ingestion into the run.
    const ended = await endedRun(api, run.id);
    expect(ended).toMatchObject({ status: 'recovered', recoveredAmount: 2_500 });
    const ledger = await sandbox.getInvoice(invoice.id);
    expect(ledger).toMatchObject({ status: 'paid', attemptCount: 3 });
    expect(ledger.charges.map((c: { status: string; idempotencyKey: string }) => c.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(ledger.charges[2].idempotencyKey).toBe(`pay-page:${invoice.id}:2`);
  });

  it('recipe 1 ends: 8 retries over the window, 7 days of grace, the subscription canceled, the invoice uncollectible', async () => {
    const ended = await endedRun(api, run1.id, 90_000);
    expect(ended).toMatchObject({ status: 'completed', outcome: 'invoice_marked_uncollectible', automationVersion: 1, recoveredAmount: 0 });
    const stepRows = ended.steps.filter((s: { attempt: number }) => s.attempt === 0);
    expect(stepRows.map((s: { type: string; status: string }) => [s.type, s.status])).toEqual([
      ['retry_payment', 'completed'], ['wait', 'completed'], ['cancel_subscription', 'completed'], ['mark_invoice_uncollectible', 'completed'],
    ]);
    const attempts = ended.steps.filter((s: { attempt: number }) => s.attempt > 0);
    expect(attempts.map((s: { status: string; declineCode: string }) => `${s.status}:${s.declineCode}`)).toEqual(Array(8).fill('failed:insufficient_funds'));

    // The ledger: the renewal charge and 8 retries, all declined; then the cancellation and the write-off.
    const ledger = await sandbox.getInvoice(run1.invoiceId);
    expect(ledger).toMatchObject({ status: 'uncollectible', attemptCount: 9, amountPaid: 0 });
    const charges: { createdAt: string; declineCode: string; idempotencyKey: string }[] = ledger.charges;
    expect(charges.map((c) => c.declineCode)).toEqual(Array(9).fill('insufficient_funds'));
    expect(charges.slice(1).every((c) => c.idempotencyKey.startsWith(`${run1.id}:`))).toBe(true);
    const sub = await sandbox.getSubscription(run1.subscriptionId);
    expect(sub).toMatchObject({ status: 'canceled', cancellationReason: 'payment_failed' });

    // The workflow's own account (query on the closed run): the trigger and its 8 retries, each once. The sandbox
    // reports every charge as invoice_payment_failed, the run's own too; those echoes are not attempts of the provider.
    const client = await temporalClient();
    let state: RunState;
    try {
      state = await client.workflow.getHandle(run1.id).query(stateQuery);
    } finally {
      await client.connection.close();
    }
    expect(state.attempts.map((a) => a.source)).toEqual(['trigger', ...Array(8).fill('run')]);
    expect(state.retry).toMatchObject({ retriesDone: 8, chargesMade: 8 });
    expect(state.outcome).toMatchObject({ status: 'completed', reason: 'invoice_marked_uncollectible' });
    // On the workflow clock (durable timers never fire early): the 2m/8 spacing (3.75 days, less the minute a
    // whole hour is kept within) between attempts, all 8 retries inside the 2-month window, and the 7-day grace
    // period between the last retry and the cancellation.
    const times = state.attempts.map((a) => a.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(3.75 * DAY_MS - DAY_MS / 24 / 60);
    expect(times[8] - times[0]).toBeLessThan(60 * DAY_MS);
    expect(Date.parse(sub.canceledAt) - times[times.length - 1]).toBeGreaterThanOrEqual(7 * DAY_MS);
  });

  it('a registered endpoint got run.started … run.ended for recipe 1, signed (standardwebhooks); the dead ones did not delay the run', async () => {
    // Delivery runs beside the run: wait for the answering endpoint to have the run's last event.
    const events = await eventually(async () => {
      const got = verifiedEvents(run1.id);
      return got.some((e) => e.type === 'run.ended') && got;
    });
    const byTime = [...events].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
    expect(byTime[0].type).toBe('run.started');
    expect(byTime.at(-1)!.type).toBe('run.ended');
    const count = (type: string) => events.filter((e) => e.type === type).length;
    // Step 0 schedules its first retry on entry and one after each decline but the last; leaving the step for the grace
    // period is retries.exhausted.
    expect(['run.started', 'retry.scheduled', 'retry.failed', 'retries.exhausted', 'run.recovered', 'run.ended'].map((t) => [t, count(t)]))
      .toEqual([['run.started', 1], ['retry.scheduled', 8], ['retry.failed', 8], ['retries.exhausted', 1], ['run.recovered', 0], ['run.ended', 1]]);
    for (const e of events) {
      expect(e.data).toMatchObject({
        runId: run1.id, automation: { id: ids.recipe1, version: 1 },
        subject: { type: 'invoice', id: run1.invoiceId, invoiceId: run1.invoiceId, subscriptionId: run1.subscriptionId },
      });
    }
    expect(events.find((e) => e.type === 'run.ended')!.data).toMatchObject({ status: 'completed', reason: 'invoice_marked_uncollectible' });
    expect(events.find((e) => e.type === 'retries.exhausted')!.data).toMatchObject({ stepIndex: 0, failedAttempts: 8 });
    // Each retry.failed carries the retry's reason; each retry.scheduled a time the next decline comes after (durable
    // timers never fire early), all in the window.
    const failed = events.filter((e) => e.type === 'retry.failed').sort((a, b) => a.data.attempt - b.data.attempt);
    expect(failed.map((e) => e.data.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const e of failed) expect(e.data).toMatchObject({ declineCode: 'insufficient_funds', reason: { kind: 'scheduled', slot: e.data.attempt, of: 8 }, why: expect.stringMatching(/^slot \d of 8/) });
    const scheduled = events.filter((e) => e.type === 'retry.scheduled').map((e) => Date.parse(e.data.at)).sort((a, b) => a - b);
    const charged = failed.map((e) => Date.parse(e.timestamp));
    scheduled.forEach((at, i) => expect(charged[i]).toBeGreaterThanOrEqual(at));
    expect(scheduled.at(-1)! - Date.parse(byTime[0].timestamp)).toBeLessThan(60 * DAY_MS);

    // Recipe 3's confirmation, as email.sent.
    const recipe3Run = (await api.get(`/v1/runs?automationId=${ids.recipe3}`).expect(200)).body.data[0];
    expect(verifiedEvents(recipe3Run.id).find((e) => e.type === 'email.sent')?.data).toMatchObject({ template: 'cancellation_confirmation', to: ['ada@customer.test'] });

    // The endpoint that never answers and the one that refuses connections were tried all along (their sends
    // held open or failed), yet recipe 1 kept its schedule (the window check of the test above) and ended: the
    // run only writes outbox rows; the gateway sends them.
    expect(hung).toBeGreaterThan(0);
    const refused = (await api.get(`/v1/webhook-endpoints/${endpoints.refused}/deliveries?limit=100`).expect(200)).body.data;
    expect(refused.length).toBeGreaterThanOrEqual(events.length);
    expect(refused.every((d: { status: string }) => d.status === 'pending')).toBe(true);
    expect(refused.some((d: { attempts: number; lastError: string }) => d.attempts > 0 && /unreachable/.test(d.lastError))).toBe(true);
    const hanging = (await api.get(`/v1/webhook-endpoints/${endpoints.hanging}/deliveries?limit=100&status=delivered`).expect(200)).body.data;
    expect(hanging).toEqual([]);
  });

  it('the outbox holds exactly the expected emails, through REST and GraphQL', async () => {
    const { body: rest } = await api.get('/v1/emails').expect(200);
    expect(rest.data.map((e: { template: string; to: string[] }) => [e.template, e.to]).sort()).toEqual([
      ['cancellation_confirmation', ['ada@customer.test']], ...(payRun.id ? [['payment_failed', ['grace@customer.test']]] : []), ['team_memo', ['finance@acme.test']],
    ]);
    const gql = await api.gql('{ emails { data { id template to subject text status runId } hasMore } }');
    expect(gql.errors).toBeUndefined();
    expect(gql.data.emails.hasMore).toBe(false);
    expect(gql.data.emails.data.map((e: { id: string }) => e.id).sort()).toEqual(rest.data.map((e: { id: string }) => e.id).sort());
    for (const e of gql.data.emails.data) {
      const same = rest.data.find((r: { id: string }) => r.id === e.id);
      expect(e).toEqual({ id: same.id, template: same.template, to: same.to, subject: same.subject, text: same.text, status: 'sent', runId: same.runId });
    }
    // Every run of the world, by REST and GraphQL: recipe 1 twice (v1, v2), recipes 2 and 3 once; all ended (and the
    // self-service page's run, recovered).
    const runs = (await api.get('/v1/runs?limit=100').expect(200)).body.data;
    expect(runs).toHaveLength(payRun.id ? 5 : 4);
    const viaGql = await api.gql('{ runs(limit: 100) { data { id status automationVersion } } }');
    expect(viaGql.data.runs.data.map((r: { id: string }) => r.id).sort()).toEqual(runs.map((r: { id: string }) => r.id).sort());
    expect(runs.every((r: { id: string; status: string }) => r.status === (r.id === payRun.id ? 'recovered' : 'completed'))).toBe(true);
  });
});
