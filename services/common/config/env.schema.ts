import { parseBudgetRules } from '../../../domain/card-network/card-budgets';
import { z } from 'zod';

const durationPattern = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;
const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses `1d`, `2s`, `500ms` into milliseconds. */
export function parseDuration(value: string): number {
  const match = durationPattern.exec(value.trim());
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
}

const port = z.coerce.number().int().min(1).max(65_535);
const list = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
const optionalText = z.string().trim().min(1).optional();

/** Every environment variable the processes read, with its default. Nothing else reads `process.env`. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().default('.data'),
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional(),
    TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'host:port').optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('billing-automations'),
    TEMPORAL_API_KEY: optionalText,
    TEMPORAL_TLS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
    TEMPORAL_TLS_CERT_PATH: optionalText,
    TEMPORAL_TLS_KEY_PATH: optionalText,
    TEMPORAL_DEV_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    BILLING_PROVIDER: z.enum(['sandbox', 'stripe']).default('sandbox'),
    STRIPE_API_KEY: optionalText,
    STRIPE_WEBHOOK_SECRETS: list.default([]),
    EMAIL_PROVIDER: z.enum(['outbox', 'sendgrid']).default('outbox'),
    SENDGRID_API_KEY: optionalText,
    EMAIL_FROM: z.string().email('an email address').default('billing@example.com'),
    TEAM_EMAIL_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain such as example.com').default('example.com'),
    ADMIN_API_KEYS: list.default(['dev-admin-key']),
    DAY_DURATION: z
      .string()
      .regex(durationPattern, 'a duration such as 1d, 2s or 500ms')
      .default('1d'),
    DISPATCHER_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
    WEBHOOK_SIGNING_SECRET: z.string().min(16, 'at least 16 characters').default('dev-outgoing-webhook-secret'),
    // Unset: seed in development and test, never in production (demo automations must not reach real customers).
    SEED_DEMO: z.enum(['true', 'false']).optional(),
    WEBHOOK_MAX_BODY: z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb').default('512kb'),
    CARD_BUDGET_OTHER_BRANDS: z.string().refine((v) => parseBudgetRules(v) !== undefined, 'budgets such as 15/30d or 10/24h,35/30d').default('15/30d'),
  })
  .superRefine((env, ctx) => {
    const need = (condition: boolean, key: string, message: string) => {
      if (condition) ctx.addIssue({ code: 'custom', path: [key], message });
    };
    need(env.BILLING_PROVIDER === 'stripe' && !env.STRIPE_API_KEY, 'STRIPE_API_KEY', 'required when BILLING_PROVIDER=stripe');
    need(env.EMAIL_PROVIDER === 'sendgrid' && !env.SENDGRID_API_KEY, 'SENDGRID_API_KEY', 'required when EMAIL_PROVIDER=sendgrid');
    need(Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH), 'TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together');
    need(env.NODE_ENV === 'production' && env.ADMIN_API_KEYS.includes('dev-admin-key'), 'ADMIN_API_KEYS', 'set real keys in production');
    need(env.NODE_ENV === 'production' && env.WEBHOOK_SIGNING_SECRET.startsWith('dev-'), 'WEBHOOK_SIGNING_SECRET', 'set a real secret in production');
  });

export type Env = z.infer<typeof envSchema>;
