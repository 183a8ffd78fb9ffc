import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { AutomationDefinition } from '../../domain/automation';
import { recipe1, recipe2, recipe3 } from '../../testkit/automation-fixtures';
import { createGateway } from '../../services/gateway/create-gateway';
import { isolatedDatabase } from '../support/ingestion-app';
import { testSecret } from '../../testkit/test-secrets';

/** Shared wiring of the admin API suites (test/e2e/admin-*.test.ts): app, auth, GraphQL, payloads. */

export const KEY = testSecret('admin-suite-key');
/** A second valid admin key (ADMIN_API_KEYS holds both). */
export const SECOND_KEY = testSecret('second-key');
export const AUTH = `Bearer ${KEY}`;

export interface AdminApp {
  app: INestApplication;
  db: Awaited<ReturnType<typeof isolatedDatabase>>;
  taskQueue: string;
  /** supertest on the app with the admin key. */
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  patch(path: string, body: object): request.Test;
  del(path: string): request.Test;
  /** POST /graphql with the admin key; answers the parsed body. */
  gql(query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }>;
  close(): Promise<void>;
}

/**
 * The real gateway (createGateway, as main runs it) on a database of its own, with a known key, team domain
 * and task queue. The config is read from the environment at start, so it is set for the start only.
 */
export async function startAdminApp(env: Record<string, string> = {}): Promise<AdminApp> {
  const db = await isolatedDatabase();
  const taskQueue = `admin-${randomUUID()}`;
  const vars = { DATABASE_URL: db.url, ADMIN_API_KEYS: `${KEY},${SECOND_KEY}`, TEAM_EMAIL_DOMAIN: 'acme.test', TEMPORAL_TASK_QUEUE: taskQueue, ...env };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  let app: INestApplication;
  try {
    app = await createGateway({ logs: false });
    await app.init();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
  const http = () => request(app.getHttpServer());
  return {
    app, db, taskQueue,
    get: (path) => http().get(path).set('Authorization', AUTH),
    post: (path, body) => http().post(path).set('Authorization', AUTH).send(body ?? {}),
    patch: (path, body) => http().patch(path).set('Authorization', AUTH).send(body),
    del: (path) => http().delete(path).set('Authorization', AUTH),
    async gql(query, variables) {
      const res = await http().post('/graphql').set('Authorization', AUTH).send({ query, variables });
      return res.body;
    },
    async close() {
      await app?.close();
      await db?.drop();
    },
  };
}

/** An automation create body from a definition. */
export const body = (def: AutomationDefinition, extra: Record<string, unknown> = {}) => ({ ...structuredClone(def), ...extra });
export { recipe1, recipe2, recipe3 };

/** A generic first `invoice_payment_failed` of an annual subscription invoice (POST /v1/events format). */
export function paymentFailedEvent(overrides: { invoiceId?: string; interval?: 'month' | 'year'; declineCode?: string; occurredAt?: string } = {}) {
  const interval = overrides.interval ?? 'year';
  const line = { price_id: `price_pro_${interval}`, product_id: 'prod_pro', interval };
  return {
    id: `evt_${randomUUID()}`,
    type: 'invoice_payment_failed',
    occurred_at: overrides.occurredAt ?? '2026-01-10T12:00:00Z',
    customer: { id: 'cus_1', email: 'jane@customer.test', metadata: { plan: 'pro' } },
    invoice: {
      id: overrides.invoiceId ?? `in_${randomUUID()}`, customer_id: 'cus_1', subscription_id: 'sub_1', status: 'open',
      amount_due: 120_000, currency: 'usd', lines: [line],
    },
    subscription: { id: 'sub_1', customer_id: 'cus_1', status: 'past_due', items: [line] },
    attempt: { number: 1, decline_code: overrides.declineCode ?? 'insufficient_funds' },
  };
}

/** Expects an application/problem+json response with this status and returns its body. */
export function problemOf(res: request.Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.text);
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  return problem as { status: number; detail?: string; errors?: { path: string; message: string }[] };
}
