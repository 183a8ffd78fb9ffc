import type { DataSource } from 'typeorm';
import type { CollectionMethod } from '../../../domain/billing';
import { BillingProviderError } from '../billing-provider';
import { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import { SandboxInvoiceEntity } from '../../../services/common/database/entities/sandbox-invoice.entity';
import { SandboxPriceEntity } from '../../../services/common/database/entities/sandbox-price.entity';
import { SandboxSubscriptionEntity } from '../../../services/common/database/entities/sandbox-subscription.entity';
import { BillingErrorType } from '../billing-errors';
import { followPayment, notFound } from './sandbox-charge';
import { emitInvoiceEvent, lockInvoice } from './sandbox-events';
import { sandboxId } from './sandbox-ids';
import { invalid } from './sandbox-ledger';

/** A new invoice: a subscription's renewal (amount from its price) or a one-off amount. */
export interface NewInvoice {
  customerId: string;
  subscriptionId?: string;
  priceId?: string;
  amountDue?: number;
  currency?: string;
  collectionMethod?: CollectionMethod;
  /** Required for `send_invoice` (epoch ms); `charge_automatically` invoices have none. */
  dueDate?: number;
  metadata?: Record<string, string>;
}

/** Invoice changes of the sandbox ledger outside dunning: issue, pay out of band, void. Each emits its event. */
export class SandboxInvoices {
  constructor(private readonly dataSource: DataSource) {}

  /** Issues an open (finalized) invoice and emits `invoice_finalized`. */
  create(input: NewInvoice): Promise<SandboxInvoiceEntity> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await tx.existsBy(SandboxCustomerEntity, { id: input.customerId }))) throw notFound('customer', input.customerId);
      const sub = input.subscriptionId ? await tx.findOneBy(SandboxSubscriptionEntity, { id: input.subscriptionId }) : null;
      if (input.subscriptionId && !sub) throw notFound('subscription', input.subscriptionId);
      if (sub && sub.customerId !== input.customerId) throw invalid(`Subscription ${sub.id} belongs to another customer`);
      const priceId = input.priceId ?? sub?.priceId;
      const price = priceId ? await tx.findOneBy(SandboxPriceEntity, { id: priceId }) : null;
      if (priceId && !price) throw notFound('price', priceId);
      const amountDue = input.amountDue ?? price?.unitAmount;
      const currency = (input.currency ?? price?.currency)?.toLowerCase();
      if (amountDue === undefined || !currency) throw invalid('Give amountDue and currency, or a price (directly or through a subscription)');
      const collectionMethod = input.collectionMethod ?? 'charge_automatically';
      if ((collectionMethod === 'send_invoice') !== (input.dueDate !== undefined)) {
        throw invalid('send_invoice invoices need a dueDate; charge_automatically invoices have none');
      }
      const count = await tx.countBy(SandboxInvoiceEntity, { customerId: input.customerId });
      const invoice = await tx.save(tx.create(SandboxInvoiceEntity, {
        id: sandboxId('in'), number: `${input.customerId.slice(4, 12).toUpperCase()}-${String(count + 1).padStart(4, '0')}`,
        customerId: input.customerId, subscriptionId: sub?.id ?? null, priceId: price?.id ?? null, status: 'open', amountDue,
        currency, collectionMethod, dueDate: input.dueDate === undefined ? null : new Date(input.dueDate), metadata: input.metadata ?? {},
      }));
      await emitInvoiceEvent(tx, 'invoice_finalized', invoice);
      return invoice;
    });
  }

  /** Records a payment made outside the ledger (a transfer, a check): `invoice_paid`, which ends dunning. */
  payOutOfBand(invoiceId: string): Promise<SandboxInvoiceEntity> {
    return this.dataSource.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, invoiceId);
      if (!invoice) throw notFound('invoice', invoiceId);
      if (invoice.status === 'paid') return invoice;
      if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
        throw new BillingProviderError(`Invoice ${invoiceId} is ${invoice.status} and cannot be paid`, BillingErrorType.InvoiceNotPayable, false);
      }
      await tx.save(Object.assign(invoice, { status: 'paid', amountPaid: invoice.amountDue, paidOutOfBand: true }));
      await followPayment(tx, invoice.subscriptionId, true);
      await emitInvoiceEvent(tx, 'invoice_paid', invoice);
      return invoice;
    });
  }

  /** Voids an unpaid invoice: `invoice_voided`, which ends dunning. */
  void(invoiceId: string): Promise<SandboxInvoiceEntity> {
    return this.dataSource.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, invoiceId);
      if (!invoice) throw notFound('invoice', invoiceId);
      if (invoice.status === 'void') return invoice;
      if (invoice.status !== 'open' && invoice.status !== 'uncollectible') {
        throw new BillingProviderError(`Invoice ${invoiceId} is ${invoice.status} and cannot be voided`, BillingErrorType.InvoiceNotOpen, false);
      }
      await tx.save(Object.assign(invoice, { status: 'void' }));
      await emitInvoiceEvent(tx, 'invoice_voided', invoice);
      return invoice;
    });
  }
}
