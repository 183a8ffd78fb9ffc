import type { DataSource, EntityManager } from 'typeorm';
import { BillingProviderError } from '../billing-provider';
import { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import { SandboxPaymentMethodEntity, type ScriptedOutcome } from '../../../services/common/database/entities/sandbox-payment-method.entity';
import { SandboxPriceEntity } from '../../../services/common/database/entities/sandbox-price.entity';
import { SandboxProductEntity } from '../../../services/common/database/entities/sandbox-product.entity';
import { SandboxSubscriptionEntity } from '../../../services/common/database/entities/sandbox-subscription.entity';
import { BillingErrorType } from '../billing-errors';
import { notFound } from './sandbox-charge';
import { genericCustomer, genericPaymentMethod } from './sandbox-event-payloads';
import { emitSandboxEvent } from './sandbox-events';
import { sandboxId } from './sandbox-ids';

/** A new card and what charging it does. */
export interface NewPaymentMethod {
  brand: string;
  last4?: string;
  /** Same fingerprint = same physical card (network caps count per card); random when omitted. */
  fingerprint?: string;
  outcome?: 'succeed' | 'decline';
  declineCode?: string;
  nextOutcomes?: ScriptedOutcome[];
  /** Make it the customer's default (default true; the first card always becomes the default). */
  makeDefault?: boolean;
  /** Expiry month (1–12) and year; none: the card never expires in the sandbox. */
  expMonth?: number;
  expYear?: number;
}

/** Invalid input for the ledger (unknown references, inconsistent fields): a client error. */
export function invalid(message: string): BillingProviderError {
  return new BillingProviderError(message, BillingErrorType.InvalidRequest, false);
}

/** Customers, cards, products, prices and subscriptions of the sandbox ledger; each change emits its event. */
export class SandboxLedger {
  constructor(private readonly dataSource: DataSource, private readonly now: () => number = Date.now) {}

  createCustomer(input: { email?: string; name?: string; metadata?: Record<string, string> }): Promise<SandboxCustomerEntity> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await tx.save(tx.create(SandboxCustomerEntity, {
        id: sandboxId('cus'), email: input.email ?? null, name: input.name ?? null, metadata: input.metadata ?? {},
      }));
      await emitSandboxEvent(tx, 'customer_created', { customer: genericCustomer(customer) });
      return customer;
    });
  }

  attachPaymentMethod(customerId: string, input: NewPaymentMethod): Promise<SandboxPaymentMethodEntity> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.lockCustomer(tx, customerId);
      const pm = await tx.save(tx.create(SandboxPaymentMethodEntity, {
        id: sandboxId('pm'), customerId, brand: input.brand.toLowerCase(), last4: input.last4 ?? '4242',
        fingerprint: input.fingerprint ?? sandboxId('card').slice(5, 21), outcome: input.outcome ?? 'succeed',
        declineCode: input.outcome === 'decline' ? (input.declineCode ?? 'generic_decline') : null, nextOutcomes: input.nextOutcomes ?? [],
        expMonth: input.expMonth ?? null, expYear: input.expYear ?? null,
      }));
      if (input.makeDefault !== false || !customer.defaultPaymentMethodId) await this.makeDefault(tx, customer, pm);
      // Another card on file is news too: every run of the customer tries again (its backups reach this card).
      else await emitSandboxEvent(tx, 'payment_method_updated', { customer: genericCustomer(customer), payment_method: genericPaymentMethod(pm) });
      return pm;
    });
  }

  setDefaultPaymentMethod(customerId: string, paymentMethodId: string): Promise<SandboxCustomerEntity> {
    return this.dataSource.transaction(async (tx) => {
      const customer = await this.lockCustomer(tx, customerId);
      const pm = await tx.findOneBy(SandboxPaymentMethodEntity, { id: paymentMethodId, customerId });
      if (!pm) throw notFound('payment method of this customer', paymentMethodId);
      if (customer.defaultPaymentMethodId !== pm.id) await this.makeDefault(tx, customer, pm);
      return customer;
    });
  }

  /**
   * New card details for a card on file (an automatic card updater's new expiry): like Stripe's
   * `payment_method.automatically_updated`, it emits `payment_method_updated`.
   */
  updatePaymentMethod(id: string, input: { expMonth: number; expYear: number }): Promise<SandboxPaymentMethodEntity> {
    return this.dataSource.transaction(async (tx) => {
      const pm = await tx.findOne(SandboxPaymentMethodEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!pm) throw notFound('payment method', id);
      const customer = await this.lockCustomer(tx, pm.customerId);
      Object.assign(pm, { expMonth: input.expMonth, expYear: input.expYear });
      await tx.save(pm);
      await emitSandboxEvent(tx, 'payment_method_updated', { customer: genericCustomer(customer), payment_method: genericPaymentMethod(pm) });
      return pm;
    });
  }

  /** Replaces the card's scripted outcomes (test scaffolding, not a billing change: no event). */
  async scriptPaymentMethod(id: string, input: Pick<NewPaymentMethod, 'outcome' | 'declineCode' | 'nextOutcomes'>): Promise<SandboxPaymentMethodEntity> {
    const pm = await this.dataSource.manager.findOneBy(SandboxPaymentMethodEntity, { id });
    if (!pm) throw notFound('payment method', id);
    if (input.outcome) Object.assign(pm, { outcome: input.outcome, declineCode: input.outcome === 'decline' ? (input.declineCode ?? 'generic_decline') : null });
    if (input.nextOutcomes) pm.nextOutcomes = input.nextOutcomes;
    return this.dataSource.manager.save(pm);
  }

  createProduct(name: string): Promise<SandboxProductEntity> {
    return this.dataSource.manager.save(SandboxProductEntity, { id: sandboxId('prod'), name });
  }

  async createPrice(input: { productId: string; unitAmount: number; currency: string; interval: 'month' | 'year' }): Promise<SandboxPriceEntity> {
    if (!(await this.dataSource.manager.existsBy(SandboxProductEntity, { id: input.productId }))) throw notFound('product', input.productId);
    return this.dataSource.manager.save(SandboxPriceEntity, { ...input, id: sandboxId('price'), currency: input.currency.toLowerCase() });
  }

  /** Starts an active subscription; its first period ends one interval from now. */
  async createSubscription(input: { customerId: string; priceId: string; metadata?: Record<string, string> }): Promise<SandboxSubscriptionEntity> {
    const { manager } = this.dataSource;
    if (!(await manager.existsBy(SandboxCustomerEntity, { id: input.customerId }))) throw notFound('customer', input.customerId);
    const price = await manager.findOneBy(SandboxPriceEntity, { id: input.priceId });
    if (!price) throw notFound('price', input.priceId);
    const end = new Date(this.now());
    if (price.interval === 'year') end.setUTCFullYear(end.getUTCFullYear() + 1);
    else end.setUTCMonth(end.getUTCMonth() + 1);
    return manager.save(manager.create(SandboxSubscriptionEntity, {
      id: sandboxId('sub'), customerId: input.customerId, priceId: price.id, status: 'active', currentPeriodEnd: end, metadata: input.metadata ?? {},
    }));
  }

  private async lockCustomer(tx: EntityManager, id: string): Promise<SandboxCustomerEntity> {
    const customer = await tx.findOne(SandboxCustomerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!customer) throw notFound('customer', id);
    return customer;
  }

  /** A new default card is what lets dunning retry a hard decline: it emits `payment_method_updated`. */
  private async makeDefault(tx: EntityManager, customer: SandboxCustomerEntity, pm: SandboxPaymentMethodEntity): Promise<void> {
    customer.defaultPaymentMethodId = pm.id;
    await tx.save(customer);
    await emitSandboxEvent(tx, 'payment_method_updated', { customer: genericCustomer(customer), payment_method: genericPaymentMethod(pm) });
  }
}
