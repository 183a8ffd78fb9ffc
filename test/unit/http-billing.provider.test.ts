import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { Webhook } from 'standardwebhooks';
import { toActivityError } from '../../activities/errors';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { HttpBillingProvider } from '../../providers/billing/http/http-billing.provider';
import { retryAfterMs } from '../../providers/billing/http/http-billing-errors';
import { newSecret } from '../support/reference-billing';

type Reply = { status: number; body?: unknown; headers?: Record<string, string>; hang?: boolean };

/** A local adapter answering what the test scripts, recording what it received (signature checked by the library). */
function scriptedAdapter(secret: string) {
  const received: { path: string; body: unknown; headers: IncomingMessage['headers']; verified: unknown }[] = [];
  let reply: Reply = { status: 200, body: {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      let verified: unknown;
      try {
        verified = new Webhook(secret).verify(raw, req.headers as Record<string, string>);
      } catch (e) {
        verified = e;
      }
      received.push({ path: req.url!, body: JSON.parse(raw), headers: req.headers, verified });
      if (reply.hang) return; // never answers: the client's timeout must fire
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}));
    });
  });
  return {
    received,
    answer: (r: Reply) => (reply = r),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('HttpBillingProvider: signing and error classes', () => {
  const secret = newSecret();
  const adapter = scriptedAdapter(secret);
  let billing: HttpBillingProvider;
  beforeAll(async () => (billing = new HttpBillingProvider({ baseUrl: await adapter.listen(), secret, timeoutMs: 300 })));
  afterAll(() => adapter.close());

  it('signs every call with Standard Webhooks headers; an action carries its key as message id and Idempotency-Key', async () => {
    adapter.answer({ status: 200, body: { status: 'failed', invoice_status: 'open', decline_code: 'insufficient_funds', extra: 'ignored' } });
    await expect(billing.payInvoice('in_1', { idempotencyKey: 'run:a:1:2' })).resolves.toMatchObject({ status: 'failed', declineCode: 'insufficient_funds' });
    const call = adapter.received.at(-1)!;
    expect(call.path).toBe('/invoices/charge');
    expect(call.verified).toEqual({ operation: 'invoice.charge', id: 'in_1', idempotency_key: 'run:a:1:2' });
    expect(call.headers).toMatchObject({ 'webhook-id': 'run:a:1:2', 'idempotency-key': 'run:a:1:2', 'webhook-timestamp': expect.stringMatching(/^\d+$/) });
    adapter.answer({ status: 200, body: { id: 'cus_1', email: 'a@b.test' } });
    await billing.getCustomer('cus_1');
    expect(adapter.received.at(-1)!.verified).toEqual({ operation: 'customer.retrieve', id: 'cus_1' });
    expect(adapter.received.at(-1)!.headers['webhook-id']).toMatch(/^msg_/);
  });

  it.each([
    [409, undefined, BillingErrorType.Conflict, true],
    [429, undefined, BillingErrorType.RateLimited, true],
    [500, undefined, BillingErrorType.Unavailable, true],
    [503, undefined, BillingErrorType.Unavailable, true],
    [400, undefined, BillingErrorType.InvalidRequest, false],
    [401, undefined, BillingErrorType.Auth, false],
    [403, undefined, BillingErrorType.PermissionDenied, false],
    [404, undefined, BillingErrorType.NotFound, false],
    [422, 'invoice_not_open', BillingErrorType.InvoiceNotOpen, false],
    [422, 'subscription_ended', BillingErrorType.SubscriptionEnded, false],
  ])('answer %i (code %s) → %s, retryable %s', async (status, code, type, retryable) => {
    adapter.answer({ status, body: { title: 'refused', status, ...(code && { code }) } });
    await expect(billing.markInvoiceUncollectible('in_1', { idempotencyKey: `k${status}` })).rejects.toMatchObject({ type, retryable });
  });

  it('honours Retry-After: the error carries it and the activity error asks Temporal to wait that long', async () => {
    adapter.answer({ status: 429, headers: { 'retry-after': '7' }, body: { title: 'slow down' } });
    const err = await billing.getInvoice('in_1').catch((e: unknown) => e);
    expect(err).toMatchObject({ type: BillingErrorType.RateLimited, retryable: true, retryAfterMs: 7_000 });
    const mapped = toActivityError(err, 'Reading invoice');
    expect(mapped).toBeInstanceOf(ApplicationFailure);
    expect(mapped).toMatchObject({ nonRetryable: false, nextRetryDelay: 7_000 });
    expect(retryAfterMs(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('a timeout or a refused connection is retryable; a 2xx it cannot read is invalid_response', async () => {
    adapter.answer({ status: 200, hang: true });
    await expect(billing.getInvoice('in_1')).rejects.toMatchObject({ type: BillingErrorType.Unavailable, retryable: true, message: expect.stringContaining('no answer in time') });
    const closed = new HttpBillingProvider({ baseUrl: 'http://127.0.0.1:1', secret });
    await expect(closed.getInvoice('in_1')).rejects.toMatchObject({ type: BillingErrorType.Unavailable, retryable: true });
    adapter.answer({ status: 200, body: { id: 'in_1', status: 'open' } });
    await expect(billing.getInvoice('in_1')).rejects.toMatchObject({ type: BillingErrorType.InvalidResponse, retryable: false, message: expect.stringContaining('customer_id') });
  });
});
