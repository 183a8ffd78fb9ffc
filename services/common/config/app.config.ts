import { registerAs } from '@nestjs/config';
import * as path from 'node:path';
import { envSchema, parseDuration, type Env } from './env.schema';

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
    devPort: number;
    uiPort: number;
  };
  billingProvider: Env['BILLING_PROVIDER'];
  stripe: { apiKey?: string; webhookSecrets: string[] };
  email: { provider: Env['EMAIL_PROVIDER']; sendgridApiKey?: string; from: string; teamDomain: string };
  adminApiKeys: string[];
  dayMs: number;
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
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'environment');
      return `${key}: ${issue.message} (got ${describeValue(key, source[key])})`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const env = result.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      apiKey: env.TEMPORAL_API_KEY,
      tls: env.TEMPORAL_TLS || Boolean(env.TEMPORAL_API_KEY) || Boolean(env.TEMPORAL_TLS_CERT_PATH),
      tlsCertPath: env.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: env.TEMPORAL_TLS_KEY_PATH,
      devPort: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
    },
    billingProvider: env.BILLING_PROVIDER,
    stripe: { apiKey: env.STRIPE_API_KEY, webhookSecrets: env.STRIPE_WEBHOOK_SECRETS },
    email: {
      provider: env.EMAIL_PROVIDER,
      sendgridApiKey: env.SENDGRID_API_KEY,
      from: env.EMAIL_FROM,
      teamDomain: env.TEAM_EMAIL_DOMAIN.toLowerCase(),
    },
    adminApiKeys: env.ADMIN_API_KEYS,
    dayMs: parseDuration(env.DAY_DURATION),
    webhookMaxBody: env.WEBHOOK_MAX_BODY,
    webhookSigningSecret: env.WEBHOOK_SIGNING_SECRET,
    dispatcherEnabled: env.DISPATCHER_ENABLED,
    ingress: { maxDepth: env.INGRESS_MAX_DEPTH, maxWidth: env.INGRESS_MAX_WIDTH, maxIdLength: env.INGRESS_MAX_ID_LENGTH },
    rateLimit: { windowMs: parseDuration(env.RATE_LIMIT_WINDOW), admin: env.RATE_LIMIT_ADMIN, ingest: env.RATE_LIMIT_INGEST },
    outboundAllowedHosts: env.OUTBOUND_ALLOWED_HOSTS.map((host) => host.toLowerCase()),
    seedDemo: env.SEED_DEMO === undefined ? env.NODE_ENV !== 'production' : env.SEED_DEMO === 'true',
  };
}

/** Reads the process environment once; the only place that does. */
export function loadConfig(): AppConfig {
  return parseEnv(process.env);
}

/** The Nest config namespace: inject with `@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', loadConfig);
