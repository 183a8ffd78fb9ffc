import { ApplicationFailure } from '@temporalio/common';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { HttpWebhookEmitter } from '../../services/worker/adapters/http-webhook-emitter';
import { RunFailureType } from '../../domain/run-failures';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('HttpWebhookEmitter', () => {
  let server: Server;
  let url: string;
  let status = 200;
  const received: Received[] = [];
  const now = Date.UTC(2026, 3, 1, 12);
  const emitter = new HttpWebhookEmitter({ secret: 'outgoing-secret-0123', now: () => now, timeoutMs: 2_000, allowedHosts: ['127.0.0.1'] });
  const emit = () => emitter.emit({ idempotencyKey: 'run:a:invoice:in_1:4', url, eventType: 'dunning.escalated', payload: { invoiceId: 'in_1' } });

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (received.length = 0));

  it('POSTs the JSON event with the idempotency key, signed as Standard Webhooks (the raw secret as the key)', async () => {
    status = 204;
    await expect(emit()).resolves.toEqual({ status: 204 });
    await emit(); // a retry of the same step: the same webhook-id
    const [{ headers, body }, again] = received;
    expect(JSON.parse(body)).toEqual({ type: 'dunning.escalated', timestamp: new Date(now).toISOString(), data: { invoiceId: 'in_1' } });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['idempotency-key']).toBe('run:a:invoice:in_1:4');
    expect(headers['webhook-id']).toMatch(/^msg_[\w-]{27}$/);
    expect(again.headers['webhook-id']).toBe(headers['webhook-id']);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(now / 1000)));
    const std = { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) };
    const verifier = new Webhook('outgoing-secret-0123', { format: 'raw' }); // WEBHOOK_SIGNING_SECRET is not a whsec_ key: its bytes are
    jest.useFakeTimers({ now, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] }); // the library checks the timestamp against its clock
    try {
      expect(verifier.verify(body, std)).toEqual(JSON.parse(body));
      expect(() => new Webhook('other-secret', { format: 'raw' }).verify(body, std)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails for good on a 4xx refusal', async () => {
    status = 400;
    const err = await emit().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: RunFailureType.WebhookRejected, nonRetryable: true });
  });

  it.each([500, 503, 429, 408])('fails retryably on %i', async (code) => {
    status = code;
    const err = await emit().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ApplicationFailure);
    expect(String(err)).toContain(String(code));
  });

  it('fails retryably when nothing listens, and for good on a non-http URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await emitter.emit({ idempotencyKey: 'k', url: `http://127.0.0.1:${port}/`, eventType: 't', payload: {} }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ApplicationFailure);
    expect(String(err)).toMatch(/unreachable/);
    await expect(emitter.emit({ idempotencyKey: 'k', url: 'file:///etc/passwd', eventType: 't', payload: {} })).rejects.toMatchObject({ nonRetryable: true });
  });

  it('refuses internal targets for good at send time, after resolving the name, unless allow-listed', async () => {
    const resolved: Record<string, string[]> = { 'hooks.example.test': ['93.184.216.34', '127.0.0.1'], 'meta.example.test': ['169.254.169.254'] };
    const strict = new HttpWebhookEmitter({ secret: 'whsec_test', timeoutMs: 2_000, resolve: async (host) => resolved[host] ?? [] });
    const send = (target: string, sender = strict) => sender.emit({ idempotencyKey: 'k', url: target, eventType: 't', payload: {} });
    for (const target of [url, 'http://169.254.169.254/latest/meta-data', 'http://hooks.example.test/x', 'http://meta.example.test/', 'gopher://x.example/']) {
      await expect(send(target)).rejects.toMatchObject({ type: RunFailureType.WebhookRejected, nonRetryable: true, message: expect.stringMatching(/refused/) });
    }
    expect(received).toEqual([]); // nothing was sent
    status = 200;
    await expect(send(url, emitter)).resolves.toEqual({ status: 200 }); // 127.0.0.1 is allow-listed for this emitter
  });
});
