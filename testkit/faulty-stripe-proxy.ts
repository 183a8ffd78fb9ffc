import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does with one request: `pass` forwards it; `status` answers 429/5xx without forwarding (Stripe
 * refused it); `timeout` forwards it (Stripe acts) and holds the answer past the client's timeout; `reset` forwards
 * it and drops the connection instead of answering; `reset_before` drops it before forwarding.
 */
export type StripeFault = { kind: 'pass' } | { kind: 'status'; status: 429 | 500 | 502 | 503 } | { kind: 'timeout'; holdMs: number } | { kind: 'reset' } | { kind: 'reset_before' };

/** One `POST /v1/invoices/{id}/pay` that reached stripe-mock. */
export interface ForwardedPay { invoiceId: string; idempotencyKey: string }

/** A running proxy and what it saw. */
export interface FaultyStripeProxy {
  port: number;
  pays: ForwardedPay[];
  /** Faults injected, by kind. */
  injected: Record<string, number>;
  close(): Promise<void>;
}

/** Per invoice, the distinct idempotency keys beyond the first that reached Stripe: charges a retry repeated. */
export function duplicateCharges(pays: ForwardedPay[]): number {
  const keys = new Map<string, Set<string>>();
  for (const p of pays) keys.set(p.invoiceId, (keys.get(p.invoiceId) ?? new Set()).add(p.idempotencyKey));
  return [...keys.values()].reduce((n, k) => n + k.size - 1, 0);
}

export interface FaultyStripeProxyOptions {
  upstreamPort: number;
  /** Decides the fault of each request from its number (0-based), method and path. */
  fault: (n: number, method: string, path: string) => StripeFault;
  /** The customer of an invoice, so reads agree with the run's event. */
  customerOf: (invoiceId: string) => string;
}

/**
 * A fault-injecting HTTP proxy in front of stripe-mock on 127.0.0.1. stripe-mock checks every request against
 * Stripe's OpenAPI spec and answers spec-shaped fixtures, but keeps no state: the proxy adds the little a dunning
 * run reads back — an invoice is `open` until a pay request reached Stripe, then `paid` (whether or not its answer
 * got back), and each customer has an email address.
 */
export async function startFaultyStripeProxy(options: FaultyStripeProxyOptions): Promise<FaultyStripeProxy> {
  const paid = new Set<string>();
  let count = 0;
  const proxy: FaultyStripeProxy = { port: 0, pays: [], injected: {}, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const fault = options.fault(count++, req.method ?? 'GET', path);
      if (fault.kind !== 'pass') proxy.injected[fault.kind] = (proxy.injected[fault.kind] ?? 0) + 1;
      if (fault.kind === 'status') return void res.writeHead(fault.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { type: fault.status === 429 ? 'rate_limit_error' : 'api_error', message: 'injected fault' } }));
      if (fault.kind === 'reset_before') return void req.socket.destroy();
      const pay = /^\/v1\/invoices\/([^/?]+)\/pay/.exec(path);
      const upstream = httpRequest({ host: '127.0.0.1', port: options.upstreamPort, method: req.method, path, headers: req.headers }, (answer) => {
        void readJson(answer).then((body) => {
          if (pay && answer.statusCode === 200) {
            proxy.pays.push({ invoiceId: pay[1], idempotencyKey: String(req.headers['idempotency-key'] ?? '') });
            paid.add(pay[1]);
          }
          const shaped = JSON.stringify(withState(body, path, paid, options.customerOf));
          const reply = () => {
            if (res.destroyed) return;
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json', 'request-id': String(answer.headers['request-id'] ?? '') }).end(shaped);
          };
          if (fault.kind === 'reset') return void req.socket.destroy();
          if (fault.kind === 'timeout') return void setTimeout(reply, fault.holdMs).unref();
          reply();
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}

async function readJson(message: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of message) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return {};
  }
}

/** The invoice and customer state stripe-mock does not keep. */
function withState(body: any, path: string, paid: Set<string>, customerOf: (invoiceId: string) => string): any {
  if (body?.object === 'invoice' && typeof body.id === 'string') {
    const isPaid = paid.has(body.id);
    return { ...body, customer: customerOf(body.id), status: isPaid ? 'paid' : 'open', amount_remaining: isPaid ? 0 : body.amount_due, paid: isPaid };
  }
  if (body?.object === 'customer' && /^\/v1\/customers\//.test(path)) {
    return { ...body, email: `${body.id}@customer.test`, invoice_settings: { ...body.invoice_settings, default_payment_method: null } };
  }
  return body;
}
