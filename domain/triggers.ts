import type { TriggerType } from './automation';
import type { SubjectType } from './billing';
import type { BillingEvent } from './billing-event';
import { compact } from './normalize/billing-enums';
import { CALENDAR_DAY_MS, daysToCardExpiry } from './card-expiry';

/**
 * What a BillingEvent means for automations: a trigger to match (which may start runs) and/or signals for
 * the runs already going about the same invoice, subscription or customer.
 */

/** The object a run is about; one live run per automation and subject. */
export interface RunSubject {
  type: SubjectType;
  id: string;
}

/** A trigger occurrence: its type, its subject, and the days parameter of the due-date triggers. */
export interface DerivedTrigger {
  type: TriggerType;
  subject: RunSubject;
  days?: number;
}

/** Names of the run signals an event can produce (see workflows/messages.ts). */
export type RunSignalName =
  | 'invoicePaid'
  | 'invoiceVoided'
  | 'invoiceUncollectible'
  | 'subscriptionCanceled'
  | 'paymentFailed'
  | 'paymentMethodUpdated'
  | 'collectionStopped';

/** A signal for every running run (and deadline timer) whose search attribute equals the target id. */
export interface SignalRoute {
  signal: RunSignalName;
  target: { attribute: 'InvoiceId' | 'SubscriptionId' | 'CustomerId'; id: string };
  /** For paymentFailed: the provider's attempt; for the others the event time. */
  payload: { at: number; reason?: CollectionOffReason; attempt?: number; declineCode?: string; networkDeclineCode?: string; networkAdviceCode?: string; cardFingerprint?: string; cardBrand?: string };
}

export interface EventRouting {
  trigger?: DerivedTrigger;
  signals: SignalRoute[];
  /** A finalized `send_invoice` invoice with a due date gets an `invoiceDeadline` timer. */
  deadline?: { invoiceId: string; customerId: string; dueDate: number };
}

/** Why the provider no longer collects: a paused subscription, an invoice with auto_advance off, or switched to send_invoice. */
export type CollectionOffReason = 'subscription_paused' | 'invoice_auto_advance_off' | 'invoice_send_invoice';

/** Customer id of an event, from whichever snapshot carries it. */
export function customerIdOf(e: BillingEvent): string | undefined {
  return e.customer?.id ?? e.invoice?.customerId ?? e.subscription?.customerId ?? e.paymentMethod?.customerId;
}

/** Maps an event to its trigger and signals. `dayMs` turns a real `invoice.overdue` into whole days. */
export function routeEvent(e: BillingEvent, dayMs: number): EventRouting {
  const inv = e.invoice;
  const sub = e.subscription;
  const at = e.occurredAt;
  const toInvoice = (signal: RunSignalName, payload: SignalRoute['payload'] = { at }): SignalRoute[] =>
    inv ? [{ signal, target: { attribute: 'InvoiceId', id: inv.id }, payload }] : [];
  switch (e.kind) {
    case 'invoice_payment_failed': {
      if (!inv) return { signals: [] };
      const attempt = e.attempt?.number ?? inv.attemptCount;
      // Stripe sends invoice.payment_failed for every attempt: only the first starts dunning.
      if (attempt <= 1) {
        return inv.subscriptionId
          ? { trigger: { type: 'subscription_payment_failed', subject: { type: 'invoice', id: inv.id } }, signals: [] }
          : { signals: [] };
      }
      const { declineCode, networkDeclineCode, networkAdviceCode, cardFingerprint, cardBrand } = e.attempt ?? {};
      return { signals: toInvoice('paymentFailed', compact({ at, attempt, declineCode, networkDeclineCode, networkAdviceCode, cardFingerprint, cardBrand })) };
    }
    case 'invoice_paid':
      return { signals: toInvoice('invoicePaid') };
    case 'invoice_voided':
      return { signals: toInvoice('invoiceVoided') };
    case 'invoice_marked_uncollectible':
      return { signals: toInvoice('invoiceUncollectible') };
    case 'invoice_finalized': {
      if (!inv) return { signals: [] };
      const deadline = inv.collectionMethod === 'send_invoice' && inv.dueDate !== undefined
        ? { invoiceId: inv.id, customerId: inv.customerId, dueDate: inv.dueDate } : undefined;
      return { trigger: { type: 'invoice_finalized', subject: { type: 'invoice', id: inv.id } }, signals: [], deadline };
    }
    case 'invoice_overdue':
    case 'invoice_due_date_upcoming': {
      if (!inv) return { signals: [] };
      const days = e.days ?? daysFromDueDate(e.kind, inv.dueDate, at, dayMs);
      return { trigger: { type: e.kind, subject: { type: 'invoice', id: inv.id }, days }, signals: [] };
    }
    case 'subscription_canceled':
      if (!sub) return { signals: [] };
      return {
        trigger: { type: 'subscription_canceled', subject: { type: 'subscription', id: sub.id } },
        signals: [{ signal: 'subscriptionCanceled', target: { attribute: 'SubscriptionId', id: sub.id }, payload: { at } }],
      };
    case 'customer_created': {
      const id = customerIdOf(e);
      return id ? { trigger: { type: 'customer_created', subject: { type: 'customer', id } }, signals: [] } : { signals: [] };
    }
    case 'payment_method_updated': {
      const id = customerIdOf(e);
      const pm = e.paymentMethod;
      const payload = { at, cardFingerprint: pm?.fingerprint, cardBrand: pm?.cardBrand };
      return { signals: id ? [{ signal: 'paymentMethodUpdated', target: { attribute: 'CustomerId', id }, payload }] : [] };
    }
    case 'payment_method_expiring': {
      const id = customerIdOf(e);
      const pm = e.paymentMethod;
      const days = e.days ?? (pm && daysToCardExpiry(pm, at, CALENDAR_DAY_MS));
      return id && days !== undefined ? { trigger: { type: 'payment_method_expiring', subject: { type: 'customer', id }, days }, signals: [] } : { signals: [] };
    }
    case 'subscription_updated': {
      // Collection turned off at the provider: the runs about the subscription end.
      const paused = sub && (sub.status === 'paused' || sub.collectionPaused);
      return { signals: paused ? [{ signal: 'collectionStopped', target: { attribute: 'SubscriptionId', id: sub.id }, payload: { at, reason: 'subscription_paused' } }] : [] };
    }
    case 'invoice_updated': {
      // Only an open invoice: paid, void and uncollectible ones always read auto_advance false (their own
      // events end the runs), and their update may arrive before those events.
      const open = inv?.status === 'open';
      const reason = !open ? undefined : inv.autoAdvance === false ? 'invoice_auto_advance_off' : inv.collectionMethod === 'send_invoice' ? 'invoice_send_invoice' : undefined;
      return { signals: reason ? toInvoice('collectionStopped', { at, reason }) : [] };
    }
  }
}

function daysFromDueDate(kind: 'invoice_overdue' | 'invoice_due_date_upcoming', due: number | undefined, at: number, dayMs: number) {
  if (due === undefined) return undefined;
  return Math.round((kind === 'invoice_overdue' ? at - due : due - at) / dayMs);
}

/** `run:{automationId}:{subjectType}:{subjectId}` — one live run per automation and subject. */
export function runWorkflowId(automationId: string, subject: RunSubject): string {
  return `run:${automationId}:${subject.type}:${subject.id}`;
}

/** `deadline:invoice:{invoiceId}` — one due-date timer per invoice. */
export function deadlineWorkflowId(invoiceId: string): string {
  return `deadline:invoice:${invoiceId}`;
}

/** Id of a derived due-date event; the gateway dedupes a real `invoice.overdue` against it. */
export function derivedEventId(kind: 'invoice_overdue' | 'invoice_due_date_upcoming', invoiceId: string, days: number): string {
  return `derived:${kind}:${invoiceId}:${days}`;
}
