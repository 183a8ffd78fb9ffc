import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';

/**
 * A random credential for a test (`<name>-<24 hex>`). With TEST_SECRETS_FILE set (`make test` sets it) it is
 * also appended there, so that scripts/check-log-secrets.mjs can search the whole run's output for it afterwards.
 */
export function testSecret(name: string): string {
  const value = `${name}-${randomBytes(12).toString('hex')}`;
  if (process.env.TEST_SECRETS_FILE) appendFileSync(process.env.TEST_SECRETS_FILE, `${value}\n`);
  return value;
}
