import type { PoolClient } from 'pg';
import type { ContractOperation } from '../../providers/billing/http/http-billing-contract';
import type { LedgerKind, ReferenceLedger } from './reference-ledger';

/** An answer of the contract: 200 with an object, or a problem with its status and refusal code. */
export type OperationAnswer = { status: 200; body: Record<string, unknown> } | { status: number; body: { title: string; status: number; code?: string } };

const refuse = (status: number, title: string, code?: string): OperationAnswer => ({ status, body: { title, status, ...(code && { code }) } });
const notFound = (kind: string, id: string) => refuse(404, `No such ${kind}: ${id}`, 'not_found');

const KIND_OF: Record<ContractOperation, LedgerKind> = {
  'customer.retrieve': 'customers',
  'invoice.retrieve': 'invoices',
  'subscription.retrieve': 'subscriptions',
  'payment_method.retrieve': 'payment-methods',
  'customer.payment_methods': 'customers',
  'invoice.charge': 'invoices',
  'invoice.mark_uncollectible': 'invoices',
  'subscription.cancel': 'subscriptions',
  'subscription.mark_unpaid': 'subscriptions',
};

type Body = Record<string, unknown>;
type Change = { body: Body; answer?: Body; event?: { type: string; part: 'invoice' | 'subscription' } } | OperationAnswer;

/**
 * Carries out one operation on the ledger. An action runs in one transaction with its object locked: the
 * answer is stored under the idempotency key (a repeat replays it), and the event the change raises is queued
 * for the engine in the same transaction.
 */
export async function runOperation(ledger: ReferenceLedger, operation: ContractOperation, id: string, key?: string, paymentMethodId?: string): Promise<OperationAnswer> {
  const kind = KIND_OF[operation];
  if (operation === 'customer.payment_methods') {
    if (!(await ledger.get(kind, id))) return notFound(kind, id);
    return { status: 200, body: { data: await ledger.paymentMethodsOf(id) } };
  }
  if (operation.endsWith('.retrieve')) {
    const found = await ledger.get(kind, id);
    return found ? { status: 200, body: found.body } : notFound(kind, id);
  }
  if (!key) return refuse(400, 'Actions need an idempotency key', 'invalid_request');
  return ledger.transaction(async (tx) => {
    const done = await ledger.action(key, tx);
    if (done) {
      if (done.operation !== operation || done.object_id !== id) return refuse(422, 'This idempotency key was used for another action', 'invalid_request');
      return { status: 200, body: done.answer };
    }
    const found = await ledger.get(kind, id, tx, true);
    if (!found) return notFound(kind, id);
    const change = await ACTIONS[operation as Action](ledger, tx, found.body, found.script, paymentMethodId);
    if ('status' in change) return change;
    await ledger.put(kind, id, change.body, undefined, tx);
    const answer = change.answer ?? change.body;
    await ledger.recordAction({ idempotency_key: key, operation, object_id: id, status: 200, answer }, tx);
    if (change.event) {
      const event = { id: `ref_${operation}_${key}`.slice(0, 255), type: change.event.type, occurred_at: new Date().toISOString(), [change.event.part]: change.body };
      await ledger.queueEvent(event.id, event, tx);
    }
    return { status: 200, body: answer };
  });
}

type Action = Exclude<ContractOperation, `${string}.retrieve` | 'customer.payment_methods'>;
type Handler = (ledger: ReferenceLedger, tx: PoolClient, body: Body, script: { decline_code?: string; declines?: number } | null, paymentMethodId?: string) => Promise<Change>;

const ACTIONS: Record<Action, Handler> = {
  'invoice.charge': async (ledger, tx, invoice, _script, paymentMethodId) => {
    if (invoice.status !== 'open') return refuse(422, `Invoice ${String(invoice.id)} is ${String(invoice.status)} and cannot be paid`, 'invoice_not_payable');
    const customer = await ledger.get('customers', String(invoice.customer_id), tx);
    const pmId = paymentMethodId ?? (customer?.body.default_payment_method_id as string | undefined);
    const pm = pmId ? await ledger.get('payment-methods', pmId, tx, true) : undefined;
    if (paymentMethodId && pm?.body.customer_id !== invoice.customer_id) return refuse(422, `Payment method ${paymentMethodId} is not the customer's`, 'invalid_request');
    const attempted = { ...invoice, attempt_count: Number(invoice.attempt_count ?? 0) + 1 };
    const card = pm ? { payment_method_id: pmId, card_brand: pm.body.card_brand, card_fingerprint: pm.body.fingerprint } : {};
    const script = pm?.script;
    const declines = !pm || (script?.decline_code !== undefined && (script.declines === undefined || script.declines > 0));
    if (declines) {
      if (pm && script?.declines !== undefined) await ledger.setScript(pmId!, { ...script, declines: script.declines - 1 }, tx);
      const decline_code = pm ? script!.decline_code : 'no_payment_method';
      return { body: attempted, answer: { status: 'failed', invoice_status: 'open', decline_code, attempted_at: new Date().toISOString(), ...card } };
    }
    const paid = { ...attempted, status: 'paid', amount_remaining: 0 };
    return { body: paid, answer: { status: 'succeeded', invoice_status: 'paid', attempted_at: new Date().toISOString(), ...card }, event: { type: 'invoice_paid', part: 'invoice' } };
  },
  'invoice.mark_uncollectible': async (_l, _tx, invoice) => {
    if (invoice.status === 'uncollectible') return { body: invoice };
    if (invoice.status !== 'open') return refuse(422, `Invoice ${String(invoice.id)} is ${String(invoice.status)}, not open`, 'invoice_not_open');
    return { body: { ...invoice, status: 'uncollectible' }, event: { type: 'invoice_marked_uncollectible', part: 'invoice' } };
  },
  'subscription.cancel': async (_l, _tx, sub) => {
    if (sub.status === 'canceled') return { body: sub };
    const now = new Date().toISOString();
    return { body: { ...sub, status: 'canceled', canceled_at: now, cancellation_reason: 'payment_failed' }, event: { type: 'subscription_canceled', part: 'subscription' } };
  },
  'subscription.mark_unpaid': async (_l, _tx, sub) => {
    if (sub.status === 'canceled' || sub.status === 'incomplete_expired') return refuse(422, `Subscription ${String(sub.id)} is ${String(sub.status)}`, 'subscription_ended');
    if (sub.status === 'unpaid') return { body: sub };
    return { body: { ...sub, status: 'unpaid' }, event: { type: 'subscription_updated', part: 'subscription' } };
  },
};
