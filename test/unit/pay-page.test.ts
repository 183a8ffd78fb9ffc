import type { Request, Response } from 'express';
import { signSelfServiceToken } from '../../providers/self-service/self-service-links';
import { redactUrl } from '../../services/common/logging/redaction';
import { ProblemException } from '../../services/common/http/problem-details.filter';
import { PayPageController } from '../../services/gateway/pay/pay-page.controller';
import { renderPayPage } from '../../services/gateway/pay/pay-page.html';
import { parseCardForm, PayPageRefusal, PayPageService } from '../../services/gateway/pay/pay-page.service';

const SECRET = 'pay-page-test-secret-0123456789';
const HOUR = 3_600_000;

/** The page with only its token check live: no database or ledger is reached before the token is accepted. */
function service(billingProvider = 'sandbox') {
  const config = { billingProvider, selfService: { secret: SECRET, ttlMs: HOUR, pageUrl: 'http://pay.test' } };
  const unreachable = new Proxy({}, { get: () => { throw new Error('reached past the token check'); } });
  return new PayPageService(config as never, { manager: unreachable } as never, unreachable as never);
}

/** A fake response recording status, headers and body. */
function response() {
  const sent: { status?: number; headers: Record<string, string>; type?: string; body?: string } = { headers: {} };
  const res = {
    status: (s: number) => ((sent.status = s), res),
    set: (h: Record<string, string>) => (Object.assign(sent.headers, h), res),
    type: (t: string) => ((sent.type = t), res),
    send: (b: string) => ((sent.body = b), res),
  };
  return { res: res as unknown as Response, sent };
}
const request = (accept: 'html' | 'json') => ({ accepts: () => accept, get: () => undefined }) as unknown as Request;

const valid = signSelfServiceToken({ customerId: 'cus_1', invoiceId: 'in_1', expiresAt: Date.now() + HOUR }, SECRET);
const expired = signSelfServiceToken({ customerId: 'cus_1', invoiceId: 'in_1', expiresAt: Date.now() - 1 }, SECRET);
const [body, signature] = valid.split('.');
const tampered = `${Buffer.from(JSON.stringify({ c: 'cus_other', i: 'in_1', e: Date.now() + HOUR })).toString('base64url')}.${signature}`;
const otherKey = signSelfServiceToken({ customerId: 'cus_1', expiresAt: Date.now() + HOUR }, 'another-secret-of-enough-length');

describe('the /pay/{token} page: token handling', () => {
  it('accepts a valid token with its claims', () => {
    expect(service().claims(valid)).toMatchObject({ customerId: 'cus_1', invoiceId: 'in_1' });
  });

  it.each([
    ['tampered claims', tampered, 404, 'Link not found'],
    ['another key', otherKey, 404, 'Link not found'],
    ['garbage', 'not-a-token', 404, 'Link not found'],
    ['a cut signature', `${body}.${signature.slice(0, 10)}`, 404, 'Link not found'],
    ['expired', expired, 410, 'Link expired'],
  ])('refuses %s with a %s HTML page, and problem+json for JSON clients', async (_, token, status, title) => {
    const controller = new PayPageController(service());
    const { res, sent } = response();
    await controller.show(token, request('html'), res);
    expect(sent).toMatchObject({ status, type: 'html', headers: { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' } });
    expect(sent.body).toContain(`<h1>${title}</h1>`);
    expect(sent.body).not.toContain('cus_');

    const json = await controller.show(token, request('json'), response().res).then(() => undefined, (e: unknown) => e);
    expect(json).toBeInstanceOf(ProblemException);
    expect((json as ProblemException).details).toMatchObject({ status, type: expect.any(String), detail: expect.any(String) });
  });

  it('refuses a form whose token is not the link\'s (before any change)', async () => {
    const { res, sent } = response();
    await new PayPageController(service()).act(valid, { action: 'pay', token: otherKey }, request('html'), res);
    expect(sent.status).toBe(403);
  });

  it('keeps the token out of the request log', () => {
    expect(redactUrl(`/pay/${valid}`)).toBe('/pay/[Redacted]');
    expect(redactUrl('/v1/runs?token=abc')).toBe('/v1/runs?token=[Redacted]');
  });

  it('is not served with another billing provider', () => {
    expect(() => service('stripe').claims(valid)).toThrow(PayPageRefusal);
  });
});

describe('the page\'s card form', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  it('keeps the last 4 digits, a fingerprint and the brand, never the number', () => {
    const card = parseCardForm({ number: '4242 4242 4242 4242', expMonth: '12', expYear: '2026' }, now);
    expect(card).toEqual({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2026, fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), outcome: 'succeed' });
    expect(parseCardForm({ number: '4000000000009995', expMonth: '1', expYear: '2030' }, now)).toMatchObject({ outcome: 'decline', declineCode: 'insufficient_funds' });
  });
  it.each([
    [{ number: '4242', expMonth: '1', expYear: '2030' }, /12 to 19 digits/],
    [{ number: '4242424242424242', expMonth: '13', expYear: '2030' }, /month/],
    [{ number: '4242424242424242', expMonth: '11', expYear: '2026' }, /expired/],
  ])('refuses %j with a 422', (form, message) => {
    expect(() => parseCardForm(form, now)).toThrow(message);
    expect(() => parseCardForm(form, now)).toThrow(expect.objectContaining({ status: 422 }));
  });
});

describe('the page\'s HTML', () => {
  it('escapes what the ledger holds and loads nothing from elsewhere', () => {
    const html = renderPayPage({ token: valid, customer: { name: '<script>alert(1)</script>', email: null }, cards: [{ brand: 'visa', last4: '"><b>', expMonth: null, expYear: null, isDefault: true }] });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/\b(src|href)=/);
  });
});
