import { isDeepStrictEqual } from 'node:util';
import type { AutomationDefinition } from '../../domain/automation';
import type { AppConfig } from '../common/config/app.config';
import { AdminClient } from '../cli/admin-client';
import {
  annualDunningRecipe,
  cancellationEmailRecipe,
  DEMO_CUSTOMERS,
  overdueTeamEmailRecipe,
  withoutCustomerNotices,
} from '../cli/demo-catalog';
import { ensureDemoCatalog } from '../cli/demo-world';

/** What one seeding did. */
export interface SeedResult {
  status: 'seeded' | 'skipped';
  reason?: string;
  created: string[];
}

interface Created { id: string }

/**
 * Seeds a new database with the demo world through the admin API (so every object goes through the same
 * validation and emits the same events as a user's): the three recipe automations and sandbox customers on
 * annual and monthly plans, with cards that pay. A database that already has automations or sandbox
 * customers is left alone — that is how a second start (or a user's own data) is recognised.
 */
export async function seedDemo(api: AdminClient, options: { teamDomain: string }): Promise<SeedResult> {
  const [automations, customers] = await Promise.all([
    api.get<{ data: unknown[] }>('/v1/automations', { limit: 1 }),
    api.get<{ data: unknown[] }>('/v1/sandbox/customers'),
  ]);
  if (automations.data.length || customers.data.length) {
    return { status: 'skipped', reason: 'the database already has automations or customers', created: await upgradeSeededRecipes(api) };
  }
  const created: string[] = [];
  const catalog = await ensureDemoCatalog(api, created);
  for (const definition of [annualDunningRecipe(), overdueTeamEmailRecipe(options.teamDomain), cancellationEmailRecipe(catalog.pro.id)]) {
    const automation = await api.post<Created>('/v1/automations', definition);
    created.push(`automation ${automation.id} (${definition.name})`);
  }
  for (const [i, c] of DEMO_CUSTOMERS.entries()) {
    const customer = await api.post<Created>('/v1/sandbox/customers', { name: c.name, email: c.email, metadata: c.metadata });
    await api.post(`/v1/sandbox/customers/${customer.id}/payment-methods`, { brand: 'visa', last4: String(4242 + i), outcome: 'succeed' });
    const priceId = catalog[c.product].prices[c.interval];
    const subscription = await api.post<Created>('/v1/sandbox/subscriptions', { customerId: customer.id, priceId });
    created.push(`customer ${customer.id} (${c.name}, ${c.product}/${c.interval}, ${subscription.id})`);
  }
  return { status: 'seeded', created };
}

/**
 * Seed version 2: recipe 1's retry step emails the customer (`notifyCustomer`). A database seeded with version 1
 * gets it as a new version of that automation (runs under way keep theirs); an automation the user changed is left alone.
 */
export async function upgradeSeededRecipes(api: AdminClient): Promise<string[]> {
  const current = annualDunningRecipe();
  const seedV1Steps = withoutCustomerNotices(current).steps;
  const upgraded: string[] = [];
  for (const a of await api.list<{ id: string; name: string; definition: AutomationDefinition }>('/v1/automations')) {
    if (a.name !== current.name || !isDeepStrictEqual(a.definition.steps, seedV1Steps)) continue;
    await api.patch(`/v1/automations/${a.id}`, { steps: current.steps });
    upgraded.push(`automation ${a.id} (${a.name}): new version with customer emails on payment failure`);
  }
  return upgraded;
}

/** `up`'s call after the gateway is ready: seeds when enabled and possible, never fails the start; answers banner lines. */
export async function seedOnStart(config: AppConfig): Promise<string[]> {
  if (!config.seedDemo) return ['Demo data    off (SEED_DEMO=false)'];
  if (config.billingProvider !== 'sandbox') return [`Demo data    not seeded: it lives in the sandbox ledger (BILLING_PROVIDER=${config.billingProvider})`];
  const api = new AdminClient(`http://127.0.0.1:${config.port}`, config.adminApiKeys[0], 30_000);
  try {
    const result = await seedDemo(api, { teamDomain: config.email.teamDomain });
    if (result.status === 'skipped') {
      const upgraded = result.created.length ? `; recipe 1 upgraded to email the customer on payment failure` : '';
      return [`Demo data    kept as it is (${result.reason})${upgraded}`];
    }
    const count = (kind: string) => result.created.filter((line) => line.startsWith(`${kind} `)).length;
    return [`Demo data    seeded ${count('automation')} recipe automations and ${count('customer')} customers (SEED_DEMO=false: off)`];
  } catch (error) {
    return [`Demo data    not seeded: ${error instanceof Error ? error.message : String(error)}`];
  }
}
