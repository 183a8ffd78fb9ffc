import type { BillingProvider } from '../../../providers/billing/billing-provider';

/** What the dispatcher reads from the billing provider: current object state, for enrichment and ordering. */
export type BillingReader = Pick<BillingProvider, 'getInvoice' | 'getSubscription' | 'getCustomer'>;

/** Injection token of the reader (bound to the app's BILLING_PROVIDER by the dispatcher module). */
export const BILLING_READER = Symbol('BILLING_READER');
