import type { AddressInfo } from 'node:net';
import { AdminClient } from '../../services/cli/admin-client';
import { playScenario } from '../../services/cli/run-scenario';
import { buildScenario } from '../../services/cli/scenarios';
import { seedDemo } from '../../services/up/seed-demo';
import { KEY, startAdminApp, type AdminApp } from './admin-helpers';

jest.setTimeout(120_000);

interface Automation { id: string; name: string; trigger: { type: string }; definition: { filters?: unknown } }
interface Listed { id: string }

/** The demo seed and the trigger CLI's scenarios against the real gateway (own database), over real HTTP. */
describe('demo seed and trigger scenarios', () => {
  let admin: AdminApp;
  let api: AdminClient;
  const counts = async () => {
    const [automations, customers, products, subscriptions] = await Promise.all(
      ['/v1/automations', '/v1/sandbox/customers', '/v1/sandbox/products', '/v1/sandbox/subscriptions'].map((p) => api.list<Listed>(p)),
    );
    return { automations: automations.length, customers: customers.length, products: products.length, subscriptions: subscriptions.length };
  };

  beforeAll(async () => {
    admin = await startAdminApp();
    await admin.app.listen(0, '127.0.0.1');
    api = new AdminClient(`http://127.0.0.1:${(admin.app.getHttpServer().address() as AddressInfo).port}`, KEY);
  });
  afterAll(() => admin?.close());

  it('seeds a new database with the three recipes and annual and monthly subscribers, once', async () => {
    const first = await seedDemo(api, { teamDomain: 'acme.test' });
    expect(first.status).toBe('seeded');
    expect(await counts()).toEqual({ automations: 3, customers: 4, products: 2, subscriptions: 4 });

    const automations = await api.list<Automation>('/v1/automations', { limit: 100 });
    expect(automations.map((a) => a.trigger.type).sort()).toEqual(['invoice_overdue', 'subscription_canceled', 'subscription_payment_failed']);
    const pro = (await api.list<{ id: string; name: string }>('/v1/sandbox/products')).find((p) => p.name === 'Pro')!;
    expect(automations.find((a) => a.trigger.type === 'subscription_canceled')!.definition.filters).toEqual({ type: 'product', in: [pro.id] });
    const subs = await api.list<{ priceId: string }>('/v1/sandbox/subscriptions');
    const intervals = await Promise.all(subs.map(async (s) => (await api.get<{ interval: string }>(`/v1/sandbox/prices/${s.priceId}`)).interval));
    expect(intervals.sort()).toEqual(['month', 'month', 'year', 'year']);

    const second = await seedDemo(api, { teamDomain: 'acme.test' });
    expect(second).toEqual({ status: 'skipped', reason: 'the database already has automations or customers', created: [] });
    expect(await counts()).toEqual({ automations: 3, customers: 4, products: 2, subscriptions: 4 });
  });

  it('seeds recipe 1 with its customer emails (seed version 2), and upgrades a database seeded with version 1', async () => {
    type Steps = { type: string; notifyCustomer?: string }[];
    const annual = () => api.list<Automation & { version: number; definition: { steps: Steps } }>('/v1/automations', { limit: 100 })
      .then((all) => all.find((a) => a.trigger.type === 'subscription_payment_failed')!);
    const seeded = await annual();
    expect(seeded.definition.steps[0]).toMatchObject({ type: 'retry_payment', notifyCustomer: 'payment_failed' });
    // A database seeded before: the same recipe without the notices.
    const v1Steps = seeded.definition.steps.map(({ notifyCustomer: _n, ...step }) => step);
    await api.patch(`/v1/automations/${seeded.id}`, { steps: v1Steps });
    expect((await annual()).definition.steps[0].notifyCustomer).toBeUndefined();
    const upgrade = await seedDemo(api, { teamDomain: 'acme.test' });
    expect(upgrade).toMatchObject({ status: 'skipped', created: [expect.stringContaining(`automation ${seeded.id}`)] });
    const after = await annual();
    expect(after.definition.steps[0]).toMatchObject({ notifyCustomer: 'payment_failed' });
    expect(after.version).toBe(seeded.version + 2);
    expect((await seedDemo(api, { teamDomain: 'acme.test' })).created).toEqual([]); // once
  });

  it.each([
    ['annual-dunning', 'subscription_payment_failed', 'invoice'],
    ['cancellation', 'subscription_canceled', 'subscription'],
  ] as const)('%s: plays through the sandbox into a run of the seeded recipe', async (name, trigger, subjectType) => {
    const plan = buildScenario(name, { suffix: `e2e${Date.now() % 1000}`, now: Date.now() });
    const lines: string[] = [];
    const result = await playScenario(api, plan, { say: (l) => lines.push(l), waitForRunMs: 30_000, newCardAfterMs: 0 });
    const automation = (await api.list<Automation>('/v1/automations', { limit: 100 })).find((a) => a.trigger.type === trigger)!;
    expect(result.run).toMatchObject({ automationId: automation.id, subjectType, subjectId: result.subjectId, customerId: result.customerId });
    expect(lines.join('\n')).not.toContain('warning');
    expect(lines.join('\n')).toContain(`customer  ${result.customerId}`);
    expect(await counts()).toMatchObject({ products: 2 }); // the scenario found the seeded catalog instead of adding one
  });
});
