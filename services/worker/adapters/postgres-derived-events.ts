import type { DataSource } from 'typeorm';
import type { DerivedEvents } from '../../../activities/deps';
import type { BillingProvider } from '../../../providers/billing/billing-provider';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { recordEvent } from '../../common/events/record-event';
import { genericCustomerOf, genericInvoiceOf, genericSubscriptionOf } from './generic-from-snapshots';

/** Provider name of the due-date events the system derives itself. */
export const SYSTEM_PROVIDER = 'system';

type Raise = Parameters<DerivedEvents['raise']>[0];

/**
 * Raises `invoice_overdue` / `invoice_due_date_upcoming` as `system` events in the generic format (event row +
 * outbox row, like a webhook). The invoice is re-read first: a paid or voided invoice raises nothing. The id is
 * the dedupe key, so a retried activity finds its event and returns the first answer.
 */
export class PostgresDerivedEvents implements DerivedEvents {
  constructor(private readonly dataSource: DataSource, private readonly billing: BillingProvider) {}

  async raise({ id, kind, invoiceId, days, occurredAt }: Raise): Promise<{ accepted: boolean }> {
    const stored = await this.dataSource.manager.existsBy(BillingEventEntity, { provider: SYSTEM_PROVIDER, providerEventId: id });
    if (stored) return { accepted: true };
    const invoice = await this.billing.getInvoice(invoiceId);
    if (invoice.status !== 'open' || invoice.dueDate === undefined) return { accepted: false };
    const customer = await this.billing.getCustomer(invoice.customerId);
    const subscription = invoice.subscriptionId ? await this.billing.getSubscription(invoice.subscriptionId) : undefined;
    const payload = {
      id, type: kind, occurred_at: new Date(occurredAt).toISOString(), livemode: false, days,
      customer: genericCustomerOf(customer), invoice: genericInvoiceOf(invoice),
      ...(subscription && { subscription: genericSubscriptionOf(subscription) }),
    };
    await recordEvent(this.dataSource.manager, { provider: SYSTEM_PROVIDER, providerEventId: id, type: kind, payload });
    return { accepted: true };
  }
}
