import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { buildTemplateContext } from '../../domain/email-templates';
import { createSelfServiceLinks, fillUrlTemplate, signSelfServiceToken, verifySelfServiceToken } from '../../providers/self-service/self-service-links';
import { parseEnv } from '../../services/common/config/app.config';
import { customer, invoice } from '../../testkit/automation-fixtures';
import { FakeBilling } from '../../testkit/fake-billing';
import { inMemoryDeps, recordingMailer } from '../support/in-memory-ports';

const SECRET = 'a-self-service-secret-of-32-chars';
const T0 = Date.UTC(2026, 0, 10, 12);
const DAY = 86_400_000;

describe('self-service tokens', () => {
  const claims = { customerId: 'cus_1', invoiceId: 'in_1', expiresAt: T0 + 14 * DAY };

  it('verifies its own token until it expires; the same claims always sign the same token', () => {
    const token = signSelfServiceToken(claims, SECRET);
    expect(signSelfServiceToken(claims, SECRET)).toBe(token);
    expect(verifySelfServiceToken(token, SECRET, T0)).toEqual({ ok: true, claims });
    expect(verifySelfServiceToken(token, SECRET, T0 + 14 * DAY)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret, edited claims and garbage', () => {
    const token = signSelfServiceToken(claims, SECRET);
    expect(verifySelfServiceToken(token, 'another-secret-of-enough-length', T0)).toEqual({ ok: false, reason: 'bad_signature' });
    const [, signature] = token.split('.');
    const edited = `${Buffer.from(JSON.stringify({ c: 'cus_2', i: 'in_1', e: claims.expiresAt })).toString('base64url')}.${signature}`;
    expect(verifySelfServiceToken(edited, SECRET, T0)).toEqual({ ok: false, reason: 'bad_signature' });
    for (const bad of ['', 'abc', 'a.b.c']) expect(verifySelfServiceToken(bad, SECRET, T0)).toMatchObject({ ok: false });
  });
});

describe('self-service links', () => {
  it('fills the URL template, URL-encoded, with a verifiable token expiring after the TTL', async () => {
    const links = createSelfServiceLinks({ billingProvider: 'http', urlTemplate: 'https://billing.example.com/update?customer={customer_id}&invoice={invoice_id}&token={token}', secret: SECRET, ttlMs: 7 * DAY })!;
    const url = new URL((await links.mint({ key: 'run:a:invoice:in 1:2', customerId: 'cus_1', invoiceId: 'in 1', at: T0 }))!);
    expect(url.searchParams.get('customer')).toBe('cus_1');
    expect(url.searchParams.get('invoice')).toBe('in 1');
    expect(verifySelfServiceToken(url.searchParams.get('token')!, SECRET, T0)).toEqual({ ok: true, claims: { customerId: 'cus_1', invoiceId: 'in 1', expiresAt: T0 + 7 * DAY } });
    expect(fillUrlTemplate('https://x.test/{token}', { customer_id: 'c', token: 'a/b' })).toBe('https://x.test/a%2Fb');
  });

  it('mints nothing without a template outside Stripe; config needs the secret with a template, read from a _FILE too', async () => {
    expect(createSelfServiceLinks({ billingProvider: 'sandbox', ttlMs: DAY })).toBeUndefined();
    // The sandbox with the gateway's address: its own page, the same signed token; a dev key outside production only.
    const page = createSelfServiceLinks({ billingProvider: 'sandbox', ttlMs: DAY, secret: SECRET, pageUrl: 'https://gw.test' })!;
    const link = new URL((await page.mint({ key: 'k', customerId: 'cus_1', invoiceId: 'in_1', at: T0 }))!);
    expect(link.origin + link.pathname.replace(/[^/]+$/, '')).toBe('https://gw.test/pay/');
    expect(verifySelfServiceToken(link.pathname.split('/').pop()!, SECRET, T0)).toEqual({ ok: true, claims: { customerId: 'cus_1', invoiceId: 'in_1', expiresAt: T0 + DAY } });
    expect(parseEnv({}).selfService.secret).toBe('dev-self-service-secret');
    expect(parseEnv({ NODE_ENV: 'production', ADMIN_API_KEYS: 'k'.repeat(32), WEBHOOK_SIGNING_SECRET: 'x'.repeat(32), ALLOW_SANDBOX_IN_PRODUCTION: 'true' }).selfService.secret).toBeUndefined();
    expect(() => parseEnv({ SELF_SERVICE_URL_TEMPLATE: 'https://b.test/u?t={token}' })).toThrow(/SELF_SERVICE_SECRET: required with SELF_SERVICE_URL_TEMPLATE/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'self-service-')), 'secret');
    fs.writeFileSync(file, `${SECRET}\n`);
    const config = parseEnv({ SELF_SERVICE_URL_TEMPLATE: 'https://b.test/u?t={token}', SELF_SERVICE_SECRET_FILE: file });
    expect(config.selfService).toEqual({ urlTemplate: 'https://b.test/u?t={token}', secret: SECRET, ttlMs: 14 * DAY, returnUrl: undefined, pageUrl: 'http://127.0.0.1:3000' });
  });

  it('the customer email carries the link minted in the activity, keyed by the email\'s idempotency key', async () => {
    const mailer = recordingMailer();
    const minted: unknown[] = [];
    const selfServiceLinks = { mint: async (r: { key: string }) => (minted.push(r), `https://pay.test/${encodeURIComponent(r.key)}`) };
    const acts = createActivities(inMemoryDeps({ mailer, billing: new FakeBilling({ unknownIds: 'invent' }), selfServiceLinks }));
    const context = buildTemplateContext({ automation: { automationId: 'a', name: 'A', version: 1 }, customer, customerId: 'cus_1', invoice: invoice({ hostedInvoiceUrl: 'https://invoice.stripe.test/i/in_1' }), now: T0, dayMs: DAY });
    const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    await env.run(acts.sendCustomerEmail, { idempotencyKey: 'run:a:invoice:in_1:0', at: T0, template: 'payment_failed' as const, customerId: 'cus_1', context, tags: {} });
    expect(minted).toEqual([{ key: 'run:a:invoice:in_1:0', customerId: 'cus_1', invoiceId: 'in_1', at: T0 }]);
    expect(mailer.sent[0].context.update_payment_method_url).toBe('https://pay.test/run%3Aa%3Ainvoice%3Ain_1%3A0');
    // No minter (or nothing minted): the hosted invoice page stays the link.
    const plain = recordingMailer();
    await env.run(createActivities(inMemoryDeps({ mailer: plain, billing: new FakeBilling({ unknownIds: 'invent' }) })).sendCustomerEmail, { idempotencyKey: 'k2', at: T0, template: 'payment_failed' as const, customerId: 'cus_1', context, tags: {} });
    expect(plain.sent[0].context.update_payment_method_url).toBe('https://invoice.stripe.test/i/in_1');
  });
});
