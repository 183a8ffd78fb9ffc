import type { DataSource } from 'typeorm';
import type { CustomerSnapshot, InvoiceSnapshot, SubscriptionSnapshot } from '../../../domain/billing';
import type { BillingEvent } from '../../../domain/billing-event';
import { normalizeGenericEvent } from '../../../domain/normalize';
import { BillingErrorType } from '../../../providers/billing/billing-errors';
import { BillingProviderError, type BillingProvider } from '../../../providers/billing/billing-provider';
import { SYSTEM_PROVIDER } from './postgres-derived-events';

type Part = 'invoice' | 'subscription' | 'customer';

/** Newest first by the time the event says it happened: a late event does not hide a newer state. */
const LATEST_CARRYING = (part: Part) => `
  SELECT payload FROM events
  WHERE provider IN ('generic', '${SYSTEM_PROVIDER}') AND payload -> '${part}' ->> 'id' = $1
  ORDER BY payload ->> 'occurred_at' DESC, received_at DESC LIMIT 1`;

/**
 * The billing provider, with reads that fall back on the facts events carried: a billing system that reports
 * through generic events may have nothing to read (the sandbox, or an adapter without that object), and the
 * run then uses the newest snapshot of the object an event brought (the customer's email, the invoice's amounts
 * and due date, the subscription's interval). Actions are never faked: they go to the provider as they are.
 */
export function withEventFacts(billing: BillingProvider, dataSource: DataSource): BillingProvider {
  async function known<T>(part: Part, id: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof BillingProviderError && err.type === BillingErrorType.NotFound)) throw err;
      const rows: { payload: unknown }[] = await dataSource.query(LATEST_CARRYING(part), [id]);
      const result = rows[0] && normalizeGenericEvent(rows[0].payload);
      const snapshot = result?.status === 'normalized' ? (result.event as BillingEvent)[part] : undefined;
      if (!snapshot) throw err;
      return snapshot as T;
    }
  }
  return {
    name: billing.name,
    getInvoice: (id) => known<InvoiceSnapshot>('invoice', id, () => billing.getInvoice(id)),
    getSubscription: (id) => known<SubscriptionSnapshot>('subscription', id, () => billing.getSubscription(id)),
    getCustomer: (id) => known<CustomerSnapshot>('customer', id, () => billing.getCustomer(id)),
    getPaymentMethod: (id) => billing.getPaymentMethod(id),
    listPaymentMethods: (id) => billing.listPaymentMethods(id),
    payInvoice: (id, options) => billing.payInvoice(id, options),
    cancelSubscription: (id, options) => billing.cancelSubscription(id, options),
    markSubscriptionUnpaid: (id, options) => billing.markSubscriptionUnpaid(id, options),
    markInvoiceUncollectible: (id, options) => billing.markInvoiceUncollectible(id, options),
  };
}
