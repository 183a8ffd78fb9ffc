import type { DataSource } from 'typeorm';
import type {
  CustomerSnapshot,
  InvoiceSnapshot,
  PaymentAttempt,
  PaymentMethodSnapshot,
  SubscriptionSnapshot,
} from '../../../domain/billing';
import { BillingProviderError, type BillingProvider, type MutationOptions, type PayOptions } from '../billing-provider';
import { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import { SandboxInvoiceEntity } from '../../../services/common/database/entities/sandbox-invoice.entity';
import { SandboxPaymentMethodEntity } from '../../../services/common/database/entities/sandbox-payment-method.entity';
import { SandboxPriceEntity } from '../../../services/common/database/entities/sandbox-price.entity';
import { SandboxSubscriptionEntity } from '../../../services/common/database/entities/sandbox-subscription.entity';
import { SandboxProductEntity } from '../../../services/common/database/entities/sandbox-product.entity';
import { BillingErrorType } from '../billing-errors';
import { findById } from '../../../services/common/database/find-by-id';
import { chargeInvoice, notFound } from './sandbox-charge';
import { emitInvoiceEvent, emitSandboxEvent, lockInvoice, lockSubscription, subscriptionParts } from './sandbox-events';
import * as map from './sandbox-mapping';

/**
 * BillingProvider over the sandbox ledger in PostgreSQL. Each change and its event commit in one
 * transaction; a change already made (same key, or the object already in the target state) returns the
 * current object and emits nothing, so Temporal's retries have no further effect.
 */
export class SandboxBillingProvider implements BillingProvider {
  readonly name = 'sandbox' as const;

  constructor(private readonly dataSource: DataSource) {}

  async getInvoice(invoiceId: string): Promise<InvoiceSnapshot> {
    const invoice = await findById(this.dataSource.manager, SandboxInvoiceEntity, invoiceId);
    if (!invoice) throw notFound('invoice', invoiceId);
    return this.invoiceSnapshot(invoice);
  }

  async getSubscription(subscriptionId: string): Promise<SubscriptionSnapshot> {
    const sub = await findById(this.dataSource.manager, SandboxSubscriptionEntity, subscriptionId);
    if (!sub) throw notFound('subscription', subscriptionId);
    const price = await findById(this.dataSource.manager, SandboxPriceEntity, sub.priceId);
    // The catalog's name: what customer emails show instead of the product id.
    const product = price && await findById(this.dataSource.manager, SandboxProductEntity, price.productId);
    return map.toSubscriptionSnapshot(sub, price, product?.name);
  }

  async getCustomer(customerId: string): Promise<CustomerSnapshot> {
    const customer = await findById(this.dataSource.manager, SandboxCustomerEntity, customerId);
    if (!customer) throw notFound('customer', customerId);
    return map.toCustomerSnapshot(customer);
  }

  async getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodSnapshot | undefined> {
    const pm = await findById(this.dataSource.manager, SandboxPaymentMethodEntity, paymentMethodId);
    return pm ? map.toPaymentMethodSnapshot(pm) : undefined;
  }

  /** The customer's cards, newest first. */
  async listPaymentMethods(customerId: string): Promise<PaymentMethodSnapshot[]> {
    const rows = await this.dataSource.manager.find(SandboxPaymentMethodEntity, { where: { customerId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return rows.map(map.toPaymentMethodSnapshot);
  }

  payInvoice(invoiceId: string, { idempotencyKey, paymentMethodId }: PayOptions): Promise<PaymentAttempt> {
    return this.dataSource.transaction((tx) => chargeInvoice(tx, invoiceId, idempotencyKey, paymentMethodId));
  }

  /** Dunning cancels for non-payment, which Stripe reports as `cancellation_details.reason: payment_failed`. */
  cancelSubscription(subscriptionId: string, options?: MutationOptions, reason = 'payment_failed'): Promise<SubscriptionSnapshot> {
    return this.dataSource.transaction(async (tx) => {
      const sub = await lockSubscription(tx, subscriptionId);
      if (!sub) throw notFound('subscription', subscriptionId);
      if (sub.status !== 'canceled') {
        Object.assign(sub, { status: 'canceled', canceledAt: new Date(), cancellationReason: reason });
        await tx.save(sub);
        await emitSandboxEvent(tx, 'subscription_canceled', await subscriptionParts(tx, sub));
      }
      return map.toSubscriptionSnapshot(sub, await tx.findOneBy(SandboxPriceEntity, { id: sub.priceId }));
    });
  }

  markSubscriptionUnpaid(subscriptionId: string, _options?: MutationOptions): Promise<SubscriptionSnapshot> {
    return this.dataSource.transaction(async (tx) => {
      const sub = await lockSubscription(tx, subscriptionId);
      if (!sub) throw notFound('subscription', subscriptionId);
      if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
        throw new BillingProviderError(`Subscription ${subscriptionId} is ${sub.status}`, BillingErrorType.SubscriptionEnded, false);
      }
      if (sub.status !== 'unpaid') {
        await tx.save(Object.assign(sub, { status: 'unpaid' }));
        await emitSandboxEvent(tx, 'subscription_updated', await subscriptionParts(tx, sub));
      }
      return map.toSubscriptionSnapshot(sub, await tx.findOneBy(SandboxPriceEntity, { id: sub.priceId }));
    });
  }

  markInvoiceUncollectible(invoiceId: string, _options?: MutationOptions): Promise<InvoiceSnapshot> {
    return this.dataSource.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, invoiceId);
      if (!invoice) throw notFound('invoice', invoiceId);
      if (invoice.status !== 'uncollectible') {
        if (invoice.status !== 'open') {
          throw new BillingProviderError(`Invoice ${invoiceId} is ${invoice.status}, not open`, BillingErrorType.InvoiceNotOpen, false);
        }
        await tx.save(Object.assign(invoice, { status: 'uncollectible' }));
        await emitInvoiceEvent(tx, 'invoice_marked_uncollectible', invoice);
      }
      return this.invoiceSnapshot(invoice, tx);
    });
  }

  private async invoiceSnapshot(invoice: SandboxInvoiceEntity, manager = this.dataSource.manager): Promise<InvoiceSnapshot> {
    const price = invoice.priceId ? await findById(manager, SandboxPriceEntity, invoice.priceId) : null;
    return map.toInvoiceSnapshot(invoice, price);
  }
}
