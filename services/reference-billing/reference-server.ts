import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { z } from 'zod';
import {
  genericCustomerSchema,
  genericInvoiceSchema,
  genericPaymentMethodSchema,
  genericSubscriptionSchema,
} from '../../domain/normalize/generic-event-schema';
import { CONTRACT_OPERATIONS, contractRequestSchema, type ContractOperation } from '../../providers/billing/http/http-billing-contract';
import { LEDGER_KINDS, type LedgerKind, type ReferenceLedger } from './reference-ledger';
import { runOperation } from './reference-operations';

/** What the reference server needs: its ledger, the shared signing secret, the key of its ledger routes. */
export interface ReferenceServerOptions {
  ledger: ReferenceLedger;
  /** The `whsec_…` secret the engine signs with (its BILLING_HTTP_SECRET). */
  secret: string;
  /** Bearer key of the `/ledger` routes that set objects up (a demo's or a test's). */
  adminKey: string;
}

const OBJECT_SCHEMAS: Record<LedgerKind, z.ZodType<Record<string, unknown>>> = {
  customers: genericCustomerSchema,
  invoices: genericInvoiceSchema,
  subscriptions: genericSubscriptionSchema,
  'payment-methods': genericPaymentMethodSchema,
};

const problem = (res: Response, status: number, title: string, extra: Record<string, unknown> = {}) =>
  res.status(status).type('application/problem+json').send(JSON.stringify({ title, status, ...extra }));

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The reference implementation of the HTTP billing contract: every contract call is verified as a Standard
 * Webhooks message (signature, timestamp within 5 minutes) before it touches the ledger. `/ledger` routes
 * (bearer key) put objects in and list the actions taken, for demos and tests.
 */
export function createReferenceApp({ ledger, secret, adminKey }: ReferenceServerOptions): express.Express {
  const verifier = new Webhook(secret);
  const app = express();
  app.disable('x-powered-by');

  for (const [operation, path] of Object.entries(CONTRACT_OPERATIONS) as [ContractOperation, string][]) {
    app.post(path, express.text({ type: '*/*', limit: '64kb' }), async (req: Request, res: Response) => {
      let signed: unknown;
      try {
        signed = verifier.verify(typeof req.body === 'string' ? req.body : '', req.headers as Record<string, string>);
      } catch (err) {
        if (err instanceof WebhookVerificationError || err instanceof SyntaxError) return problem(res, 401, 'The request is not signed with the shared secret');
        throw err;
      }
      const parsed = contractRequestSchema.safeParse(signed);
      if (!parsed.success || parsed.data.operation !== operation) return problem(res, 400, `The body does not name the operation ${operation}`, { code: 'invalid_request' });
      const answer = await runOperation(ledger, operation, parsed.data.id, parsed.data.idempotency_key, parsed.data.payment_method_id);
      res.status(answer.status).type(answer.status === 200 ? 'application/json' : 'application/problem+json').send(JSON.stringify(answer.body));
    });
  }

  const ledgerRoutes = express.Router();
  ledgerRoutes.use((req: Request, res: Response, next: NextFunction) => {
    const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(adminKey))) return problem(res, 401, 'Authorization: Bearer <admin key> required');
    next();
  });
  ledgerRoutes.get('/actions', async (_req, res) => void res.json({ data: await ledger.actions() }));
  ledgerRoutes.put('/:kind/:id', express.json({ limit: '64kb' }), async (req: Request, res: Response) => {
    const kind = req.params.kind as LedgerKind;
    if (!LEDGER_KINDS.includes(kind)) return problem(res, 404, `No such kind: ${String(req.params.kind)}`);
    const { object, script } = (req.body ?? {}) as { object?: unknown; script?: { decline_code?: string; declines?: number } };
    const parsed = OBJECT_SCHEMAS[kind].safeParse(object);
    if (!parsed.success || parsed.data.id !== req.params.id) {
      return problem(res, 422, 'object must be a generic-format object with this id', { errors: parsed.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    await ledger.put(kind, String(req.params.id), parsed.data, kind === 'payment-methods' ? (script ?? null) : undefined);
    res.json({ object: parsed.data });
  });
  ledgerRoutes.get('/:kind/:id', async (req: Request, res: Response) => {
    const found = LEDGER_KINDS.includes(req.params.kind as LedgerKind) ? await ledger.get(req.params.kind as LedgerKind, String(req.params.id)) : undefined;
    if (!found) return problem(res, 404, 'Not in the ledger');
    res.json({ object: found.body, script: found.script });
  });
  app.use('/ledger', ledgerRoutes);
  app.use((_err: unknown, _req: Request, res: Response, _next: NextFunction) => problem(res, 500, 'Internal error'));
  return app;
}

/** Listens on `port` (0: any free one) and resolves once it does. */
export async function listenReference(app: express.Express, port: number, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  return { server, url: `http://${host}:${(server.address() as AddressInfo).port}` };
}
