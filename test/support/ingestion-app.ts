import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Client, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Filter, Step, TriggerType } from '../../domain/automation';
import { appConfig, parseEnv } from '../../services/common/config/app.config';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { runMigrations } from '../../services/common/database/run-migrations';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfigModule } from '../../services/common/config/config.module';
import { DatabaseModule } from '../../services/common/database/database.module';
import { ApiKeyGuard } from '../../services/common/http/api-key.guard';
import { ProblemDetailsFilter } from '../../services/common/http/problem-details.filter';
import { TemporalModule } from '../../services/common/temporal/temporal.module';
import { DispatcherModule } from '../../services/gateway/dispatcher/dispatcher.module';
import { EventsModule } from '../../services/gateway/events/events.module';
import { IngressModule } from '../../services/gateway/ingress/ingress.module';
import { WebhooksModule } from '../../services/gateway/webhooks/webhooks.module';
import { BILLING_READER, type BillingReader } from '../../services/gateway/dispatcher/billing-reader';
import { DISPATCHER_OPTIONS, dispatcherOptions, type DispatcherOptions } from '../../services/gateway/dispatcher/dispatcher.options';
import { FakeBilling } from '../../testkit/fake-billing';
import { testSecret } from '../../testkit/test-secrets';

/*
 * Test wiring for ingestion: a database of its own (other suites' automations must not match our events),
 * the gateway app with its dispatcher tuned or disabled, a fake billing provider, a worker on its own queue.
 */

export const WEBHOOK_SECRETS = [testSecret('whsec_old'), testSecret('whsec_new')];

/** A fresh migrated database on the test PostgreSQL server. */
export async function isolatedDatabase(): Promise<{ url: string; dataSource: DataSource; drop(): Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL!);
  const name = `ingest_${randomBytes(6).toString('hex')}`;
  const admin = await new DataSource({ type: 'postgres', url: base.toString() }).initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = Object.assign(new URL(base.toString()), { pathname: `/${name}` }).toString();
  await runMigrations(url);
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  return {
    url, dataSource,
    async drop() {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** The ingestion slice of the gateway's AppModule, with the same global filter and guard. */
@Module({
  imports: [AppConfigModule, DatabaseModule, TemporalModule, IngressModule, WebhooksModule, EventsModule, DispatcherModule],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
class IngestionModule {}

export interface IngestionAppOptions {
  databaseUrl: string;
  billing?: BillingReader;
  dispatcher?: Partial<DispatcherOptions>;
  /** Point the app's Temporal client elsewhere (e.g. a server that is down). */
  temporalAddress?: string;
  env?: Record<string, string>;
}

/**
 * The ingestion modules as createGateway builds the gateway (raw body, body limit, problem filter, API-key
 * guard), with the dispatcher's options, billing and Temporal overridden. Only the ingestion slice: the
 * other modules of the gateway have their own tests.
 */
export async function createIngestionApp(options: IngestionAppOptions): Promise<INestApplication> {
  const config = parseEnv({
    ...process.env, DATABASE_URL: options.databaseUrl, STRIPE_WEBHOOK_SECRETS: WEBHOOK_SECRETS.join(','),
    ...(options.temporalAddress && { TEMPORAL_ADDRESS: options.temporalAddress }), ...options.env,
  });
  const dispatcher = { ...dispatcherOptions(config), enabled: false, pollIntervalMs: 50,
    rowBackoff: { initialMs: 50, maxMs: 500 }, globalBackoff: { initialMs: 50, maxMs: 500 }, temporalCallTimeoutMs: 3_000, ...options.dispatcher };
  const builder = Test.createTestingModule({ imports: [IngestionModule] })
    .overrideProvider(appConfig.KEY).useValue(config)
    .overrideProvider(DISPATCHER_OPTIONS).useValue(dispatcher)
    .overrideProvider(BILLING_READER).useValue(options.billing ?? new FakeBilling());
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ rawBody: true, logger: false });
  app.useBodyParser('json', { limit: config.webhookMaxBody }); // as createGateway does
  await app.init();
  return app;
}

/** The Stripe-Signature header for a body, as Stripe computes it (default: now, the newest secret). */
export function stripeSignature(body: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? WEBHOOK_SECRETS[1], timestamp: options.timestamp });
}

/** `POST /webhooks/stripe` with a raw JSON body, signed as Stripe signs it by default; `signature: null` sends no header. */
export function postStripeWebhook(app: INestApplication, body: string, signature: string | null = stripeSignature(body)): request.Test {
  const req = request(app.getHttpServer()).post('/webhooks/stripe').set('Content-Type', 'application/json');
  return (signature === null ? req : req.set('Stripe-Signature', signature)).send(body);
}

/** An enabled automation at version 1, inserted as the automations API would. */
export async function insertAutomation(
  db: DataSource,
  a: { name?: string; trigger: { type: TriggerType; days?: number }; filters?: Filter; steps?: Step[]; priority?: number },
): Promise<string> {
  const definition = { name: a.name ?? `test ${a.trigger.type}`, trigger: a.trigger, filters: a.filters,
    steps: a.steps ?? [{ type: 'retry_payment', policy: { type: 'smart', window: '1m', maxRetries: 4 } }] };
  const [{ id }] = await db.query(
    `INSERT INTO automations (name, trigger, priority) VALUES ($1, $2, $3) RETURNING id`, [definition.name, a.trigger.type, a.priority ?? 100]);
  await db.query(`INSERT INTO automation_versions (automation_id, version, definition) VALUES ($1, 1, $2)`, [id, JSON.stringify(definition)]);
  return id;
}

/** A Temporal client on the suite's dev server. */
export async function temporalClient(address = process.env.TEMPORAL_ADDRESS!): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address }) });
}

/** Polls until `check` returns a value (not undefined/false) or fails after `timeoutMs` with the last error. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
