import { ConfigError, parseEnv } from '../../services/common/config/app.config';
import { durationInWords } from '../../services/common/config/duration';
import { parseDuration } from '../../services/common/config/env.schema';

describe('configuration', () => {
  it('has working defaults for a laptop', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      port: 3000,
      billingProvider: 'sandbox',
      email: { provider: 'outbox', teamDomain: 'example.com' },
      temporal: { address: undefined, namespace: 'default', taskQueue: 'billing-automations', tls: false },
      dayMs: 86_400_000,
    });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('parses lists, durations and Temporal Cloud settings', () => {
    const config = parseEnv({
      STRIPE_WEBHOOK_SECRETS: 'whsec_a, whsec_b,',
      DAY_DURATION: '2s',
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'secret',
      TEMPORAL_NAMESPACE: 'ns.acct',
    });
    expect(config.stripe.webhookSecrets).toEqual(['whsec_a', 'whsec_b']);
    expect(config.dayMs).toBe(2_000);
    expect(config.temporal).toMatchObject({ address: 'ns.acct.tmprl.cloud:7233', tls: true, apiKey: 'secret' });
  });

  it('names the variable, what is expected and what it got, in one line', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT: .*\(got "eighty"\)$/);
    expect(() => parseEnv({ DAY_DURATION: 'soon' })).toThrow(/DAY_DURATION: a duration such as 1d, 2s, 2min or 500ms \(units ms, s, min, h, d\)/);
    expect(() => parseEnv({ BILLING_PROVIDER: 'paypal' })).toThrow(/BILLING_PROVIDER/);
  });

  it('names a bad secret but never prints its value (keys, secrets, URLs with a password)', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ NODE_ENV: 'production', ADMIN_API_KEYS: 'dev-admin-key,supersecret-real-key-123' }, 'ADMIN_API_KEYS', 'supersecret-real-key-123'],
      [{ WEBHOOK_SIGNING_SECRET: 'short-secret-1' }, 'WEBHOOK_SIGNING_SECRET', 'short-secret-1'],
      [{ DATABASE_URL: 'mysql://app:hunter2-pw@db/app' }, 'DATABASE_URL', 'hunter2-pw'],
      [{ TEMPORAL_ADDRESS: 'user:hunter3-pw@temporal' }, 'TEMPORAL_ADDRESS', 'hunter3-pw'],
      [{ NODE_ENV: 'production', ADMIN_API_KEYS: 'real-key-aaaa', WEBHOOK_SIGNING_SECRET: 'dev-abcdefghijklmnop' }, 'WEBHOOK_SIGNING_SECRET', 'abcdefghijklmnop'],
    ];
    for (const [env, name, value] of cases) {
      let message = '';
      try {
        parseEnv(env);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(`${name}: `);
      expect(message).not.toContain(value);
    }
  });

  it('requires the provider keys the chosen providers need', () => {
    expect(() => parseEnv({ BILLING_PROVIDER: 'stripe' })).toThrow(/STRIPE_API_KEY: required when BILLING_PROVIDER=stripe \(got unset\)/);
    expect(() => parseEnv({ EMAIL_PROVIDER: 'sendgrid' })).toThrow(/SENDGRID_API_KEY/);
    expect(() => parseEnv({ BILLING_PROVIDER: 'http' })).toThrow(/BILLING_HTTP_URL: required when BILLING_PROVIDER=http[\s\S]*BILLING_HTTP_SECRET: required/);
    expect(() => parseEnv({ BILLING_PROVIDER: 'http', BILLING_HTTP_URL: 'http://billing.internal', BILLING_HTTP_SECRET: 'plain' })).toThrow(/BILLING_HTTP_SECRET: a whsec_/);
    const http = parseEnv({ BILLING_PROVIDER: 'http', BILLING_HTTP_URL: 'http://billing.internal', BILLING_HTTP_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', BILLING_HTTP_TIMEOUT: '5s' });
    expect(http.billingHttp).toEqual({ url: 'http://billing.internal', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', timeoutMs: 5_000 });
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/ADMIN_API_KEYS: set real keys in production/);
  });

  it('parses durations', () => {
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(() => parseDuration('2 weeks')).toThrow();
    expect([parseDuration('2min'), parseDuration('3s'), parseDuration('250ms'), parseDuration('2d')]).toEqual([120_000, 3_000, 250, 172_800_000]);
  });

  it('refuses a bare "m" for DAY_DURATION (minutes or months?) and says which was meant', () => {
    expect(() => parseEnv({ DAY_DURATION: '2m' })).toThrow(
      'Invalid configuration: DAY_DURATION: "m" could be minutes or months: write 2min for minutes (a day cannot last months) (got "2m")',
    );
    expect(() => parseDuration('2m')).toThrow(/write 2min for minutes/);
    expect(parseEnv({ DAY_DURATION: '2min' }).dayMs).toBe(120_000);
  });

  it('says a day length in words, in the largest unit that fits', () => {
    expect([120_000, 86_400_000, 2_000, 1_500, 500, 5_400_000, 172_800_000].map(durationInWords))
      .toEqual(['2 minutes', '1 day', '2 seconds', '1.5 seconds', '500 milliseconds', '1.5 hours', '2 days']);
  });
});
