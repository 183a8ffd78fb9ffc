import * as fs from 'node:fs';

/** The variables that may hold a secret, each also readable from the file named by `<NAME>_FILE` (Docker secrets). */
export const SECRET_VARIABLES = [
  'DATABASE_URL',
  'ADMIN_API_KEYS',
  'STRIPE_API_KEY',
  'STRIPE_WEBHOOK_SECRETS',
  'SENDGRID_API_KEY',
  'TEMPORAL_API_KEY',
  'WEBHOOK_SIGNING_SECRET',
  'BILLING_HTTP_SECRET',
  'SELF_SERVICE_SECRET',
] as const;

/**
 * The environment with each `<NAME>_FILE` replaced by the file's content (trailing newline removed). Returns the
 * problems instead of throwing, so the caller reports them with the other invalid variables in one line.
 */
export function resolveSecretFiles(source: Record<string, string | undefined>): {
  env: Record<string, string | undefined>;
  problems: string[];
} {
  const env = { ...source };
  const problems: string[] = [];
  for (const name of SECRET_VARIABLES) {
    const file = source[`${name}_FILE`];
    if (file === undefined) continue;
    delete env[`${name}_FILE`];
    if (source[name] !== undefined) {
      problems.push(`${name}_FILE: set either ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      env[name] = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  return { env, problems };
}
