import type { EmailBranding } from '../../../activities/email/render-email';
import type { ActivityRetryBounds } from '../../../domain/activity-retry';
import { parseBudgetRules, type BudgetRule } from '../../../domain/card-network/card-budgets';
import { registerAs } from '@nestjs/config';
import * as path from 'node:path';
import { parseAdminKeys, type AdminKey } from './admin-keys';
import { envObject, envSchema, parseDuration, type Env } from './env.schema';
import { resolveSecretFiles } from './secret-files';
import type { z } from 'zod';

/** The key of self-service tokens outside production when SELF_SERVICE_SECRET is unset. */
export const DEV_SELF_SERVICE_SECRET = 'dev-self-service-secret';

/** Typed application configuration, derived once from the environment. */
export interface AppConfig {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  databaseUrl?: string;
  temporal: {
    address?: string;
    namespace: string;
    taskQueue: string;
    apiKey?: string;
    tls: boolean;
    tlsCertPath?: string;
    tlsKeyPath?: string;
    /** CA bundle of a self-hosted cluster's own certificate authority. */
    tlsCaPath?: string;
    /** Server name to verify the cluster's certificate against (when it differs from the address's host). */
    tlsServerName?: string;
    devPort: number;
    uiPort: number;
  };
  billingProvider: Env['BILLING_PROVIDER'];
  stripe: { apiKey?: string; webhookSecrets: string[]; apiBase?: string };
  /** BILLING_PROVIDER=http: the contract adapter's base URL, the Standard Webhooks secret, the time limit per call. */
  billingHttp: { url?: string; secret?: string; timeoutMs: number };
  email: { provider: Env['EMAIL_PROVIDER']; sendgridApiKey?: string; from: string; teamDomain: string; branding: EmailBranding };
  /** The self-service link of customer emails (SELF_SERVICE_*): a URL template with a signed token, or Stripe's portal. */
  /** `pageUrl`: the gateway's base as customers reach it, for the sandbox's `/pay/{token}` page. */
  selfService: { urlTemplate?: string; secret?: string; ttlMs: number; returnUrl?: string; pageUrl: string };
  adminApiKeys: string[];
  /** The same keys with the names recorded as authors (`ADMIN_API_KEYS=name:key,…`). */
  adminKeys: AdminKey[];
  dayMs: number;
  /** Retry bounds of the run's activities (RETRY_BOUND_*, ACTIVITY_MAX_ATTEMPTS), carried in each run's input. */
  retryBounds: ActivityRetryBounds;
  /** Period of the run reconciler (RUN_RECONCILE_INTERVAL). */
  runReconcileIntervalMs: number;
  /** Per-card budgets for brands without a network rule (CARD_BUDGET_OTHER_BRANDS). */
  otherBrandBudgets: BudgetRule[];
  webhookMaxBody: string;
  /** Whether the gateway drains the outbox itself (false: it only ingests; run the dispatcher elsewhere). */
  dispatcherEnabled: boolean;
  /** HMAC key of the signature on outgoing webhooks (`emit_webhook` steps). */
  webhookSigningSecret: string;
  /** Limits every request input is held to before it is parsed further or stored. */
  ingress: { maxDepth: number; maxWidth: number; maxIdLength: number };
  /** Requests per window: `admin` per client (REST and GraphQL together), `ingest` per source. */
  rateLimit: { windowMs: number; admin: number; ingest: number };
  /** Internal hosts outgoing webhooks may reach anyway (lower-case `host` or `host:port`). */
  outboundAllowedHosts: string[];
  /** `up` seeds the demo automations and sandbox customers into a new database (SEED_DEMO). */
  seedDemo: boolean;
  /** Production safety and deployment settings (docs/deployment.md). */
  deploy: {
    /** /docs and /openapi.json without the admin key (default: outside production only). */
    docsPublic: boolean;
    /** Origins allowed by CORS; empty: no CORS headers (same-origin only). */
    corsOrigins: string[];
    /** The standalone dispatcher's /health port. */
    dispatcherHttpPort: number;
    /** Stored payloads, email bodies, outbox rows and card attempts older than this are pruned. */
    retentionDays: number;
  };
  /** Temporal worker tuning; unset fields keep the SDK's defaults. */
  workerTuning: {
    maxConcurrentActivityTaskExecutions?: number;
    maxConcurrentWorkflowTaskExecutions?: number;
    maxCachedWorkflows?: number;
    /** Memory the worker may use: the limits left unset above follow from it (services/worker/worker-capacity.ts). */
    memoryMb?: number;
    /** Worker deployment versioning (off unless both name and build id are set). */
    deployment?: { name: string; buildId: string; defaultBehavior: 'pinned' | 'auto_upgrade' };
  };
  /** The worker's `/health/*` and `/metrics` port (0: any free port) and Temporal's core metrics listener. */
  worker: { httpPort: number; temporalMetricsBind: string };
  /** OpenTelemetry tracing: on with an OTLP endpoint, unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. */
  tracing: { enabled: boolean; serviceName?: string };
}

/** What the migrate entry point needs: the database, nothing else (it must not ask for provider keys). */
export interface DatabaseConfig {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  databaseUrl?: string;
}

/** Raised when the environment is invalid; its message is one line per bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Variables whose value is a credential (or may hold one, like a URL with a password): never echoed, nor any `user:password@`. */
const SECRET_NAME = /(KEY|KEYS|SECRET|SECRETS|PASSWORD|TOKEN|CREDENTIALS?|DATABASE_URL)$/;

/** What an error may say about a value: the value itself only when it cannot be a secret. */
function describeValue(key: string, value: string | undefined): string {
  if (value === undefined) return 'unset';
  if (SECRET_NAME.test(key) || /[^/@\s]*:[^/@\s]*@/.test(value)) return 'a value, not shown: it is a secret';
  return JSON.stringify(value);
}

/** Validates the environment and returns the typed configuration, or throws a ConfigError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): AppConfig {
  const env = validate(envSchema, source);
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      apiKey: env.TEMPORAL_API_KEY,
      tls: env.TEMPORAL_TLS || Boolean(env.TEMPORAL_API_KEY || env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_CA_PATH),
      tlsCertPath: env.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: env.TEMPORAL_TLS_KEY_PATH,
      tlsCaPath: env.TEMPORAL_TLS_CA_PATH,
      tlsServerName: env.TEMPORAL_TLS_SERVER_NAME,
      devPort: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
    },
    billingProvider: env.BILLING_PROVIDER,
    stripe: { apiKey: env.STRIPE_API_KEY, webhookSecrets: env.STRIPE_WEBHOOK_SECRETS, apiBase: env.STRIPE_API_BASE },
    billingHttp: { url: env.BILLING_HTTP_URL, secret: env.BILLING_HTTP_SECRET, timeoutMs: parseDuration(env.BILLING_HTTP_TIMEOUT) },
    email: {
      provider: env.EMAIL_PROVIDER,
      sendgridApiKey: env.SENDGRID_API_KEY,
      from: env.EMAIL_FROM,
      teamDomain: env.TEAM_EMAIL_DOMAIN.toLowerCase(),
      branding: { companyName: env.BRAND_COMPANY_NAME, logoUrl: env.BRAND_LOGO_URL, color: env.BRAND_COLOR, footer: env.BRAND_FOOTER || undefined, replyTo: env.EMAIL_REPLY_TO },
    },
    selfService: {
      urlTemplate: env.SELF_SERVICE_URL_TEMPLATE,
      // Outside production the sandbox page signs with a dev key, as the other dev secrets default.
      secret: env.SELF_SERVICE_SECRET ?? (env.NODE_ENV !== 'production' ? DEV_SELF_SERVICE_SECRET : undefined),
      ttlMs: parseDuration(env.SELF_SERVICE_TTL),
      returnUrl: env.SELF_SERVICE_RETURN_URL,
      pageUrl: (env.SELF_SERVICE_PAGE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
    },
    adminApiKeys: parseAdminKeys(env.ADMIN_API_KEYS).map(({ key }) => key),
    adminKeys: parseAdminKeys(env.ADMIN_API_KEYS),
    dayMs: parseDuration(env.DAY_DURATION),
    retryBounds: retryBoundsOf(env),
    runReconcileIntervalMs: parseDuration(env.RUN_RECONCILE_INTERVAL),
    otherBrandBudgets: parseBudgetRules(env.CARD_BUDGET_OTHER_BRANDS)!,
    webhookMaxBody: env.WEBHOOK_MAX_BODY,
    webhookSigningSecret: env.WEBHOOK_SIGNING_SECRET,
    dispatcherEnabled: env.DISPATCHER_ENABLED,
    ingress: { maxDepth: env.INGRESS_MAX_DEPTH, maxWidth: env.INGRESS_MAX_WIDTH, maxIdLength: env.INGRESS_MAX_ID_LENGTH },
    rateLimit: { windowMs: parseDuration(env.RATE_LIMIT_WINDOW), admin: env.RATE_LIMIT_ADMIN, ingest: env.RATE_LIMIT_INGEST },
    outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS.map((host) => host.toLowerCase()),
    seedDemo: env.SEED_DEMO === undefined ? env.NODE_ENV !== 'production' : env.SEED_DEMO === 'true',
    deploy: {
      docsPublic: env.DOCS_PUBLIC ?? env.NODE_ENV !== 'production',
      corsOrigins: env.CORS_ORIGINS,
      dispatcherHttpPort: env.DISPATCHER_HTTP_PORT,
      retentionDays: env.RETENTION_DAYS,
    },
    workerTuning: {
      maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
      memoryMb: env.WORKER_MEMORY_MB,
      deployment:
        env.WORKER_DEPLOYMENT_NAME && env.WORKER_BUILD_ID
          ? { name: env.WORKER_DEPLOYMENT_NAME, buildId: env.WORKER_BUILD_ID, defaultBehavior: env.WORKER_VERSIONING_BEHAVIOR }
          : undefined,
    },
    worker: {
      httpPort: env.WORKER_HTTP_PORT ?? (env.NODE_ENV === 'test' ? 0 : 9466),
      temporalMetricsBind: env.TEMPORAL_METRICS_BIND,
    },
    tracing: {
      enabled: Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
        && env.OTEL_SDK_DISABLED !== 'true' && env.OTEL_TRACES_EXPORTER !== 'none',
      serviceName: env.OTEL_SERVICE_NAME,
    },
  };
}

const databaseSchema = envObject.pick({ NODE_ENV: true, LOG_LEVEL: true, DATA_DIR: true, DATABASE_URL: true });

/** Validates only the database settings (the migrate entry point), with `*_FILE` secrets resolved. */
export function parseDatabaseEnv(source: Record<string, string | undefined>): DatabaseConfig {
  const env = validate(databaseSchema, source);
  return { env: env.NODE_ENV, logLevel: env.LOG_LEVEL, dataDir: path.resolve(env.DATA_DIR), databaseUrl: env.DATABASE_URL };
}

/** Parses `source` (secrets from `*_FILE` resolved first) or throws one ConfigError naming every bad variable. */
function validate<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.output<S> {
  const { env: resolved, problems } = resolveSecretFiles(source);
  const result = schema.safeParse(resolved);
  const lines = [...problems];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? 'environment');
      lines.push(`${key}: ${issue.message} (got ${describeValue(key, resolved[key])})`);
    }
  }
  if (lines.length) throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  return result.data as z.output<S>;
}

/** Reads the process environment once; the only place that does. */
export function loadConfig(): AppConfig {
  return parseEnv(process.env);
}

/** The Nest config namespace: inject with `@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', loadConfig);

function retryBoundsOf(env: Env): ActivityRetryBounds {
  const bound = (duration: string) => ({ maxAttempts: env.ACTIVITY_MAX_ATTEMPTS, maxElapsedMs: parseDuration(duration) });
  return { billing: bound(env.RETRY_BOUND_BILLING), email: bound(env.RETRY_BOUND_EMAIL), webhook: bound(env.RETRY_BOUND_WEBHOOK), records: bound(env.RETRY_BOUND_RECORDS) };
}
