import { z } from 'zod';

/** Where the CLI finds the running system and how it signs in. */
export interface CliOptions {
  gatewayUrl: string;
  apiKey: string;
  temporalUiUrl: string;
  namespace: string;
}

const port = z.coerce.number().int().min(1).max(65_535);

/**
 * The CLI's environment: `GATEWAY_URL` (default `http://localhost:$PORT`, 3000), `ADMIN_API_KEY` (default the
 * first of `ADMIN_API_KEYS`, else the development key), `TEMPORAL_UI_URL` (default `http://localhost:$TEMPORAL_UI_PORT`,
 * 8233) and `TEMPORAL_NAMESPACE` — so the same variables that moved `make up` elsewhere point the CLI there too.
 */
const cliEnvSchema = z.object({
  GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
  PORT: port.default(3000),
  ADMIN_API_KEY: z.string().min(1).optional(),
  ADMIN_API_KEYS: z.string().optional(),
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
});

/** Reads the CLI's options from an environment (the process's, in the entry points); throws one line per bad variable. */
export function parseCliEnv(source: Record<string, string | undefined>): CliOptions {
  const result = cliEnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (got ${JSON.stringify(source[String(i.path[0])])})`).join('; '));
  }
  const env = result.data;
  const firstKey = env.ADMIN_API_KEYS?.split(',').map((k) => k.trim()).find(Boolean);
  return {
    gatewayUrl: env.GATEWAY_URL ?? `http://localhost:${env.PORT}`,
    apiKey: env.ADMIN_API_KEY ?? firstKey ?? 'dev-admin-key',
    temporalUiUrl: env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`,
    namespace: env.TEMPORAL_NAMESPACE,
  };
}
