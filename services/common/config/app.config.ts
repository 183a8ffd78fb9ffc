import { parseBudgetRules, type BudgetRule } from '../../../domain/card-network/card-budgets';
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
  /** Per-card budgets for brands without a network rule (CARD_BUDGET_OTHER_BRANDS). */
  otherBrandBudgets: BudgetRule[];
  webhookMaxBody: string;
  /** Whether the gateway drains the outbox itself (false: it only ingests; run the dispatcher elsewhere). */
  dispatcherEnabled: boolean;
  /** HMAC key of the signature on outgoing webhooks (`emit_webhook` steps). */
  webhookSigningSecret: string;
  /** `up` seeds the demo automations and sandbox customers into a new database (SEED_DEMO). */
  seedDemo: boolean;
}

/** Raised when the environment is invalid; its message is one line per bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment and returns the typed configuration, or throws a ConfigError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? 'environment');
      const seen = source[key] === undefined ? 'unset' : JSON.stringify(source[key]);
      return `${key}: ${issue.message} (got ${seen})`;
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
    otherBrandBudgets: parseBudgetRules(env.CARD_BUDGET_OTHER_BRANDS)!,
    webhookMaxBody: env.WEBHOOK_MAX_BODY,
    webhookSigningSecret: env.WEBHOOK_SIGNING_SECRET,
    dispatcherEnabled: env.DISPATCHER_ENABLED,
    seedDemo: env.SEED_DEMO === undefined ? env.NODE_ENV !== 'production' : env.SEED_DEMO === 'true',
  };
}

/** Reads the process environment once; the only place that does. */
export function loadConfig(): AppConfig {
  return parseEnv(process.env);
}

/** The Nest config namespace: inject with `@Inject(appConfig.KEY) config: ConfigType<typeof appConfig>`. */
export const appConfig = registerAs('app', loadConfig);
