import { parseBudgetRules } from '../../../domain/card-network/card-budgets';
import { MIN_RETENTION_DAYS } from '../../../domain/retention';
import { z } from 'zod';
import { parseAdminKeys } from './admin-keys';
import { ambiguityHint, DURATION_PATTERN } from './duration';

export { parseDuration } from './duration';

const port = z.coerce.number().int().min(1).max(65_535);
const list = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
const optionalText = z.string().trim().min(1).optional();

const flag = (fallback: 'true' | 'false') => z.enum(['true', 'false']).default(fallback).transform((value) => value === 'true');
const optionalFlag = z.enum(['true', 'false']).transform((value) => value === 'true').optional();
const positiveInt = z.coerce.number().int().min(1).optional();

/** Every environment variable the processes read, with its default. Nothing else reads `process.env`. */
export const envObject = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3000),
    // Unset: 127.0.0.1 outside production (a laptop does not publish the dev key), 0.0.0.0 in production (containers).
    HOST: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
    TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'host:port').optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('billing-automations'),
    TEMPORAL_API_KEY: optionalText,
    TEMPORAL_TLS: flag('false'),
    TEMPORAL_TLS_CERT_PATH: optionalText,
    TEMPORAL_TLS_KEY_PATH: optionalText,
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    BILLING_PROVIDER: z.enum(['sandbox', 'stripe', 'http']).default('sandbox'),
    // BILLING_PROVIDER=http: the adapter implementing docs/billing-http-contract.md, and the secret signing its calls.
    BILLING_HTTP_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
    BILLING_HTTP_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a whsec_… secret (base64, Standard Webhooks)').optional(),
    BILLING_HTTP_TIMEOUT: z.string().regex(DURATION_PATTERN, 'a duration such as 10s').default('10s'),
    STRIPE_API_KEY: optionalText,
    STRIPE_WEBHOOK_SECRETS: list.default([]),
    // Another Stripe API host (stripe-mock, a test proxy); unset: api.stripe.com.
    STRIPE_API_BASE: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
    // The self-service link of customer emails for billing systems other than Stripe: {customer_id}, {invoice_id}, {token}.
    SELF_SERVICE_URL_TEMPLATE: z.url({ protocol: /^https?$/, error: 'an http(s):// URL with {customer_id}, {invoice_id} or {token}' }).optional(),
    SELF_SERVICE_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    SELF_SERVICE_TTL: z.string().regex(DURATION_PATTERN, 'a duration such as 14d').default('14d'),
    // Where Stripe's portal sends the customer back (optional: the portal's default).
    SELF_SERVICE_RETURN_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
    // Sandbox: the gateway's address as customers reach it, the base of `/pay/{token}` links (unset: http://127.0.0.1:PORT).
    SELF_SERVICE_PAGE_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
    EMAIL_PROVIDER: z.enum(['outbox', 'sendgrid']).default('outbox'),
    SENDGRID_API_KEY: optionalText,
    EMAIL_FROM: z.string().email('an email address').default('billing@example.com'),
    // Branding of every email (company name, logo, button colour, footer line, reply-to address).
    BRAND_COMPANY_NAME: z.string().trim().min(1).max(100).default('Billing'),
    BRAND_LOGO_URL: z.url({ protocol: /^https$/, error: 'an https:// URL' }).optional(),
    BRAND_COLOR: z.string().regex(/^#[0-9a-f]{6}$/i, 'a hex colour such as #2563eb').default('#2563eb'),
    BRAND_FOOTER: z.string().trim().max(300).optional(),
    EMAIL_REPLY_TO: z.string().email('an email address').optional(),
    TEAM_EMAIL_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com').default('example.com'),
    ADMIN_API_KEYS: list.default(['dev-admin-key']),
    DAY_DURATION: z
      .string()
      .superRefine((value, ctx) => {
        if (DURATION_PATTERN.test(value.trim())) return;
        const hint = ambiguityHint(value);
        ctx.addIssue({ code: 'custom', message: hint ?? 'a duration such as 1d, 2s, 2min or 500ms (units ms, s, min, h, d)' });
      })
      .default('1d'),
    DISPATCHER_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    WEBHOOK_SIGNING_SECRET: z.string().min(16, 'at least 16 characters').default('dev-outgoing-webhook-secret'),
    // Unset: seed in development and test, never in production (demo automations must not reach real customers).
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    // The worker's health and metrics port; unset: 9466, or any free port under NODE_ENV=test (workers side by side).
    WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    // Temporal SDK (core) metrics: the runtime's own Prometheus listener, merged into the worker's /metrics.
    TEMPORAL_METRICS_BIND: z.string().regex(/^[^\s:]+:\d+$/, 'host:port').default('127.0.0.1:9467'),
    // Tracing is on when an OTLP endpoint is set (the OpenTelemetry SDK reads the other OTEL_* variables itself).
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalText,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalText,
    OTEL_SERVICE_NAME: optionalText,
    OTEL_SDK_DISABLED: z.enum(['true', 'false']).default('false'),
    OTEL_TRACES_EXPORTER: optionalText,
    WEBHOOK_MAX_BODY: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb').default('512kb'),
    // Deployment: production safety, Temporal clusters, worker tuning, retention (docs/deployment.md).
    ALLOW_SANDBOX_IN_PRODUCTION: flag('false'),
    DOCS_PUBLIC: optionalFlag,
    CORS_ORIGINS: list.default([]),
    TEMPORAL_TLS_CA_PATH: optionalText,
    TEMPORAL_TLS_SERVER_NAME: optionalText,
    WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt,
    WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
    WORKER_MEMORY_MB: z.coerce.number().int().min(320).optional(), // an idle worker takes ≈ 260 (worker-capacity.ts)
    WORKER_DEPLOYMENT_NAME: optionalText,
    WORKER_BUILD_ID: optionalText,
    WORKER_VERSIONING_BEHAVIOR: z.enum(['pinned', 'auto_upgrade']).default('auto_upgrade'),
    DISPATCHER_HTTP_PORT: port.default(3001),
    // Card attempts feed the networks' 30-day retry budgets: a shorter retention would shorten them (domain/retention.ts).
    RETENTION_DAYS: z.coerce.number().int().min(MIN_RETENTION_DAYS, `at least ${MIN_RETENTION_DAYS} (card budgets look back 30 days)`).default(400),
    // Ingress limits on every request (docs/ingestion.md): Stripe ids are ~30 characters, its events ~6 levels deep.
    INGRESS_MAX_DEPTH: z.coerce.number().int().min(2).default(32),
    INGRESS_MAX_WIDTH: z.coerce.number().int().min(1).default(1_000),
    INGRESS_MAX_ID_LENGTH: z.coerce.number().int().min(16).default(255),
    // Requests per RATE_LIMIT_WINDOW: per client on the admin API (REST + GraphQL), per source on ingestion.
    RATE_LIMIT_WINDOW: z.string().regex(DURATION_PATTERN, 'a duration such as 1min').default('1min'),
    RATE_LIMIT_ADMIN: z.coerce.number().int().min(1).default(6_000),
    RATE_LIMIT_INGEST: z.coerce.number().int().min(1).default(6_000),
    // Hosts (or host:port) outgoing webhooks may reach although they are internal (e.g. 127.0.0.1:8080).
    OUTBOUND_ALLOWED_HOSTS: list.default([]),
    // Retry bounds of the run's activities by kind (total time since first scheduled; docs/architecture.md).
    RETRY_BOUND_BILLING: z.string().regex(DURATION_PATTERN, 'a duration such as 6h').default('6h'),
    RETRY_BOUND_EMAIL: z.string().regex(DURATION_PATTERN, 'a duration such as 24h').default('24h'),
    RETRY_BOUND_WEBHOOK: z.string().regex(DURATION_PATTERN, 'a duration such as 24h').default('24h'),
    RETRY_BOUND_RECORDS: z.string().regex(DURATION_PATTERN, 'a duration such as 24h').default('24h'),
    ACTIVITY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(200),
    // How often the gateway repairs `running` rows whose workflow closed without recording its end.
    RUN_RECONCILE_INTERVAL: z.string().regex(DURATION_PATTERN, 'a duration such as 1min').default('1min'),
    CARD_BUDGET_OTHER_BRANDS: z.string().refine((v) => parseBudgetRules(v) !== undefined, 'budgets such as 15/30d or 10/24h,35/30d').default('15/30d'),
  });

/** The object schema plus the rules that tie variables together. */
export const envSchema = envObject
  .superRefine((env, ctx) => {
    const need = (condition: boolean, key: string, message: string) => {
      if (condition) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    need(env.BILLING_PROVIDER === 'stripe' && !env.STRIPE_API_KEY, 'STRIPE_API_KEY', 'required when BILLING_PROVIDER=stripe');
    need(env.BILLING_PROVIDER === 'http' && !env.BILLING_HTTP_URL, 'BILLING_HTTP_URL', 'required when BILLING_PROVIDER=http');
    need(env.BILLING_PROVIDER === 'http' && !env.BILLING_HTTP_SECRET, 'BILLING_HTTP_SECRET', 'required when BILLING_PROVIDER=http');
    need(Boolean(env.SELF_SERVICE_URL_TEMPLATE) && !env.SELF_SERVICE_SECRET, 'SELF_SERVICE_SECRET', 'required with SELF_SERVICE_URL_TEMPLATE (it signs the links\' tokens)');
    need(env.EMAIL_PROVIDER === 'sendgrid' && !env.SENDGRID_API_KEY, 'SENDGRID_API_KEY', 'required when EMAIL_PROVIDER=sendgrid');
    need(Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH), 'TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together');
    need(env.NODE_ENV === 'production' && parseAdminKeys(env.ADMIN_API_KEYS).some(({ key }) => key === 'dev-admin-key'), 'ADMIN_API_KEYS', 'set real keys in production');
    need(env.NODE_ENV === 'production' && env.WEBHOOK_SIGNING_SECRET.startsWith('dev-'), 'WEBHOOK_SIGNING_SECRET', 'set a real secret in production');
    const sandboxRefused = env.NODE_ENV === 'production' && !env.ALLOW_SANDBOX_IN_PRODUCTION;
    const refuse = 'is refused when NODE_ENV=production (set ALLOW_SANDBOX_IN_PRODUCTION=true to run it anyway)';
    need(sandboxRefused && env.BILLING_PROVIDER === 'sandbox', 'BILLING_PROVIDER', `sandbox billing ${refuse}`);
    need(sandboxRefused && env.EMAIL_PROVIDER === 'outbox', 'EMAIL_PROVIDER', `outbox email (nothing is sent) ${refuse}`);
    need(Boolean(env.WORKER_DEPLOYMENT_NAME) !== Boolean(env.WORKER_BUILD_ID), 'WORKER_BUILD_ID', 'WORKER_DEPLOYMENT_NAME and WORKER_BUILD_ID go together');
  });

export type Env = z.infer<typeof envSchema>;
