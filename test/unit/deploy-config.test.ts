import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, parseDatabaseEnv, parseEnv } from '../../services/common/config/app.config';

const production = {
  NODE_ENV: 'production', ADMIN_API_KEYS: 'ops:prod-key-0123456789', WEBHOOK_SIGNING_SECRET: 'prod-secret-0123456789',
  BILLING_PROVIDER: 'stripe', STRIPE_API_KEY: 'sk_live_x', EMAIL_PROVIDER: 'sendgrid', SENDGRID_API_KEY: 'SG.x',
};

describe('deployment configuration', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const secretFile = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('refuses sandbox billing and outbox email in production, in one line, unless explicitly allowed', () => {
    const { BILLING_PROVIDER: _b, STRIPE_API_KEY: _s, EMAIL_PROVIDER: _e, SENDGRID_API_KEY: _k, ...sandbox } = production;
    let message = '';
    try {
      parseEnv(sandbox);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: BILLING_PROVIDER: sandbox billing is refused when NODE_ENV=production .*; EMAIL_PROVIDER: outbox email/);
    expect(message).not.toContain('\n');
    expect(parseEnv({ ...sandbox, ALLOW_SANDBOX_IN_PRODUCTION: 'true' })).toMatchObject({ billingProvider: 'sandbox', email: { provider: 'outbox' } });
    expect(parseEnv(production)).toMatchObject({ billingProvider: 'stripe', email: { provider: 'sendgrid' } });
  });

  it('reads every secret from NAME_FILE, and refuses both or an unreadable file', () => {
    const config = parseEnv({
      ...production,
      ADMIN_API_KEYS: undefined,
      ADMIN_API_KEYS_FILE: secretFile('keys', 'ops:file-key-0123456789\n'),
      STRIPE_API_KEY: undefined,
      STRIPE_API_KEY_FILE: secretFile('stripe', 'sk_live_from_file\n'),
      DATABASE_URL_FILE: secretFile('db', 'postgres://u:p@db:5432/x'),
    });
    expect(config.adminKeys).toEqual([{ name: 'ops', key: 'file-key-0123456789' }]);
    expect(config.stripe.apiKey).toBe('sk_live_from_file');
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/x');
    expect(() => parseEnv({ STRIPE_API_KEY: 'a', STRIPE_API_KEY_FILE: secretFile('x', 'b') })).toThrow(/STRIPE_API_KEY_FILE: set either/);
    expect(() => parseEnv({ SENDGRID_API_KEY_FILE: path.join(dir, 'missing') })).toThrow(/SENDGRID_API_KEY_FILE: cannot read .*ENOENT/);
  });

  it('names admin keys (name:key), plain keys by position, and refuses the dev key in production even when named', () => {
    expect(parseEnv({ ADMIN_API_KEYS: 'alice:k1-secret,k2-secret' }).adminKeys).toEqual([
      { name: 'alice', key: 'k1-secret' }, { name: 'key-2', key: 'k2-secret' },
    ]);
    expect(parseEnv({ ADMIN_API_KEYS: 'alice:k1-secret,k2-secret' }).adminApiKeys).toEqual(['k1-secret', 'k2-secret']);
    expect(() => parseEnv({ ...production, ADMIN_API_KEYS: 'ops:dev-admin-key' })).toThrow(/ADMIN_API_KEYS: set real keys/);
  });

  it('binds 127.0.0.1 outside production and 0.0.0.0 in production; docs public outside production only', () => {
    expect(parseEnv({})).toMatchObject({ host: '127.0.0.1', deploy: { docsPublic: true } });
    expect(parseEnv(production)).toMatchObject({ host: '0.0.0.0', deploy: { docsPublic: false } });
    expect(parseEnv({ ...production, DOCS_PUBLIC: 'true', HOST: '10.0.0.5' })).toMatchObject({ host: '10.0.0.5', deploy: { docsPublic: true } });
  });

  it('validates only the database settings for migrate', () => {
    const env = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/x', STRIPE_API_KEY: '', BILLING_PROVIDER: 'sandbox' };
    expect(() => parseEnv(env)).toThrow(ConfigError);
    expect(parseDatabaseEnv(env)).toMatchObject({ env: 'production', databaseUrl: 'postgres://u:p@db/x' });
    expect(() => parseDatabaseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: a postgres:\/\/ URL/);
  });

  it('reads Temporal TLS, worker tuning and deployment versioning', () => {
    const config = parseEnv({
      TEMPORAL_TLS_CA_PATH: '/ca.pem', TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      WORKER_MAX_CONCURRENT_ACTIVITIES: '50', WORKER_MAX_CACHED_WORKFLOWS: '0',
      WORKER_DEPLOYMENT_NAME: 'dunning', WORKER_BUILD_ID: 'abc123',
    });
    expect(config.temporal).toMatchObject({ tls: true, tlsCaPath: '/ca.pem', tlsServerName: 'temporal.internal' });
    expect(config.workerTuning).toEqual({
      maxConcurrentActivityTaskExecutions: 50, maxConcurrentWorkflowTaskExecutions: undefined, maxCachedWorkflows: 0,
      deployment: { name: 'dunning', buildId: 'abc123', defaultBehavior: 'auto_upgrade' },
    });
    expect(parseEnv({}).workerTuning.deployment).toBeUndefined();
    expect(() => parseEnv({ WORKER_BUILD_ID: 'abc' })).toThrow(/WORKER_DEPLOYMENT_NAME and WORKER_BUILD_ID go together/);
  });
});
