import * as path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../common/runtime/project-root';
import { localUrl, readAddresses, type SystemAddresses } from '../common/runtime/system-addresses';

/** Where the CLI finds the running system and how it signs in. */
export interface CliOptions {
  gatewayUrl: string;
  apiKey: string;
  temporalUiUrl: string;
  namespace: string;
}

const port = z.coerce.number().int().min(1).max(65_535);

/**
 * The CLI's environment: `GATEWAY_URL` (else `http://localhost:$PORT`), `ADMIN_API_KEY` (default the first of
 * `ADMIN_API_KEYS`, else the development key), `TEMPORAL_UI_URL` (else `http://localhost:$TEMPORAL_UI_PORT`) and
 * `TEMPORAL_NAMESPACE` — so the same variables that moved `make up` elsewhere point the CLI there too. Where no
 * variable says, the addresses the running system wrote into its data folder (DATA_DIR, `.data`) are used, then
 * the defaults (3000, 8233, `default`).
 */
const cliEnvSchema = z.object({
  GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
  PORT: port.optional(),
  ADMIN_API_KEY: z.string().min(1).optional(),
  ADMIN_API_KEYS: z.string().optional(),
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
  TEMPORAL_UI_PORT: port.optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
});

/** Reads the CLI's options from an environment (the process's, in the entry points); throws one line per bad variable. */
export function parseCliEnv(source: Record<string, string | undefined>, running?: SystemAddresses): CliOptions {
  const result = cliEnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(result.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (got ${JSON.stringify(source[String(i.path[0])])})`).join('; '));
  }
  const env = result.data;
  const firstKey = env.ADMIN_API_KEYS?.split(',').map((k) => k.trim()).find(Boolean);
  return {
    gatewayUrl: env.GATEWAY_URL ?? (env.PORT ? localUrl(env.PORT) : (running?.gatewayUrl ?? localUrl(3000))),
    apiKey: env.ADMIN_API_KEY ?? firstKey ?? 'dev-admin-key',
    temporalUiUrl: env.TEMPORAL_UI_URL ?? (env.TEMPORAL_UI_PORT ? localUrl(env.TEMPORAL_UI_PORT) : (running?.temporalUiUrl ?? localUrl(8233))),
    namespace: env.TEMPORAL_NAMESPACE ?? running?.namespace ?? 'default',
  };
}

/** The system running on this project's data folder (DATA_DIR, default `.data`), as `up` recorded it; undefined if none. */
export function findRunningSystem(source: Record<string, string | undefined>): SystemAddresses | undefined {
  return readAddresses(path.resolve(projectRoot(), source.DATA_DIR || '.data'));
}
