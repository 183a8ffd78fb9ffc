import type { EntityManager } from 'typeorm';
import type { BillingEventKind } from '../../../domain/billing-event';
import { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import { SandboxInvoiceEntity } from '../../../services/common/database/entities/sandbox-invoice.entity';
import { SandboxPriceEntity } from '../../../services/common/database/entities/sandbox-price.entity';
import { SandboxSubscriptionEntity } from '../../../services/common/database/entities/sandbox-subscription.entity';
import { recordEvent, type RecordedEvent } from '../../../services/common/events/record-event';
import * as payload from './sandbox-event-payloads';
import { sandboxId } from './sandbox-ids';

/** Provider name of every event the ledger emits. */
export const SANDBOX_PROVIDER = 'sandbox';

/**
 * Records a sandbox change as a generic-format event (event row + outbox row). Called inside the change's
 * own transaction: the change and its event commit together or not at all.
 */
export async function emitSandboxEvent(
  tx: EntityManager,
  type: BillingEventKind,
  parts: payload.GenericEventParts,
  at = new Date(),
): Promise<RecordedEvent> {
  const id = sandboxId('evt');
  return recordEvent(tx, { provider: SANDBOX_PROVIDER, providerEventId: id, type, payload: { ...payload.genericEvent(id, type, at, parts) } });
}

/** The invoice's related objects, as an event about it carries them (customer facts feed filters). */
export async function invoiceParts(tx: EntityManager, invoice: SandboxInvoiceEntity): Promise<payload.GenericEventParts> {
  const price = invoice.priceId ? await tx.findOneBy(SandboxPriceEntity, { id: invoice.priceId }) : null;
  const customer = await tx.findOneByOrFail(SandboxCustomerEntity, { id: invoice.customerId });
  const sub = invoice.subscriptionId ? await tx.findOneBy(SandboxSubscriptionEntity, { id: invoice.subscriptionId }) : null;
  const subPrice = sub ? await tx.findOneBy(SandboxPriceEntity, { id: sub.priceId }) : null;
  return {
    customer: payload.genericCustomer(customer),
    invoice: payload.genericInvoice(invoice, price),
    ...(sub && { subscription: payload.genericSubscription(sub, subPrice) }),
  };
}

/** The subscription's related objects, as an event about it carries them. */
export async function subscriptionParts(tx: EntityManager, sub: SandboxSubscriptionEntity): Promise<payload.GenericEventParts> {
  const price = await tx.findOneBy(SandboxPriceEntity, { id: sub.priceId });
  const customer = await tx.findOneByOrFail(SandboxCustomerEntity, { id: sub.customerId });
  return { customer: payload.genericCustomer(customer), subscription: payload.genericSubscription(sub, price) };
}

/** Emits an event about an invoice with its related objects. */
export async function emitInvoiceEvent(tx: EntityManager, type: BillingEventKind, invoice: SandboxInvoiceEntity, extra: payload.GenericEventParts = {}) {
  return emitSandboxEvent(tx, type, { ...(await invoiceParts(tx, invoice)), ...extra });
}

/** Reads an invoice for a change, locking its row until the transaction ends. */
export function lockInvoice(tx: EntityManager, id: string): Promise<SandboxInvoiceEntity | null> {
  return tx.findOne(SandboxInvoiceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/** Reads a subscription for a change, locking its row until the transaction ends. */
export function lockSubscription(tx: EntityManager, id: string): Promise<SandboxSubscriptionEntity | null> {
  return tx.findOne(SandboxSubscriptionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
