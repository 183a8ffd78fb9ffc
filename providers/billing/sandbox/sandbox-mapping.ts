import type {
  CustomerSnapshot,
  InvoiceSnapshot,
  PaymentAttempt,
  PaymentMethodSnapshot,
  PriceRef,
  SubscriptionSnapshot,
} from '../../../domain/billing';
import { compact } from '../../../domain/normalize/billing-enums';
import type { SandboxChargeEntity } from '../../../services/common/database/entities/sandbox-charge.entity';
import type { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import type { SandboxInvoiceEntity } from '../../../services/common/database/entities/sandbox-invoice.entity';
import type { SandboxPaymentMethodEntity } from '../../../services/common/database/entities/sandbox-payment-method.entity';
import type { SandboxPriceEntity } from '../../../services/common/database/entities/sandbox-price.entity';
import type { SandboxSubscriptionEntity } from '../../../services/common/database/entities/sandbox-subscription.entity';

/*
 * Sandbox rows → the provider-neutral snapshots of domain/billing.ts, as the Stripe mapping does for Stripe
 * objects. `updatedAt` is the row's last change, so out-of-order decisions work as for any provider.
 */

const ms = (date: Date | null | undefined): number | undefined => (date ? date.getTime() : undefined);

/** The price line of an invoice or item of a subscription. */
export function toPriceRef(price: SandboxPriceEntity, productName?: string): PriceRef {
  return compact({ priceId: price.id, productId: price.productId, productName, interval: price.interval, intervalCount: 1 });
}

/** A customer row as a snapshot. */
export function toCustomerSnapshot(c: SandboxCustomerEntity): CustomerSnapshot {
  return compact({
    id: c.id, email: c.email ?? undefined, name: c.name ?? undefined, metadata: { ...c.metadata },
    defaultPaymentMethodId: c.defaultPaymentMethodId ?? undefined, updatedAt: ms(c.updatedAt),
  });
}

/** An invoice row (with its price, if any) as a snapshot. */
export function toInvoiceSnapshot(i: SandboxInvoiceEntity, price?: SandboxPriceEntity | null): InvoiceSnapshot {
  return compact({
    id: i.id, number: i.number, customerId: i.customerId, subscriptionId: i.subscriptionId ?? undefined,
    status: i.status, collectionMethod: i.collectionMethod, amountDue: i.amountDue,
    amountRemaining: i.status === 'paid' ? 0 : i.amountDue - i.amountPaid, currency: i.currency,
    dueDate: ms(i.dueDate), attemptCount: i.attemptCount, metadata: { ...i.metadata },
    lines: price ? [toPriceRef(price)] : [], updatedAt: ms(i.updatedAt),
  });
}

/** A subscription row (with its price) as a snapshot. */
export function toSubscriptionSnapshot(s: SandboxSubscriptionEntity, price?: SandboxPriceEntity | null, productName?: string): SubscriptionSnapshot {
  const items = price ? [toPriceRef(price, productName)] : [];
  return compact({
    id: s.id, customerId: s.customerId, status: s.status, items, interval: items[0]?.interval,
    intervalCount: items[0]?.intervalCount, currentPeriodEnd: ms(s.currentPeriodEnd), canceledAt: ms(s.canceledAt),
    cancellationReason: s.cancellationReason ?? undefined, metadata: { ...s.metadata }, updatedAt: ms(s.updatedAt),
  });
}

/** A payment method row as a snapshot. */
export function toPaymentMethodSnapshot(pm: SandboxPaymentMethodEntity): PaymentMethodSnapshot {
  return compact({
    id: pm.id, customerId: pm.customerId, cardBrand: pm.brand, last4: pm.last4, fingerprint: pm.fingerprint,
    expMonth: pm.expMonth ?? undefined, expYear: pm.expYear ?? undefined, createdAt: ms(pm.createdAt), updatedAt: ms(pm.createdAt),
  });
}

/** A stored charge as the attempt it answered (a replay returns exactly this). */
export function toPaymentAttempt(ch: SandboxChargeEntity): PaymentAttempt {
  return compact({
    status: ch.status, declineCode: ch.declineCode ?? undefined, failureMessage: ch.failureMessage ?? undefined, chargeId: ch.id,
    networkDeclineCode: ch.networkDeclineCode ?? undefined, networkAdviceCode: ch.networkAdviceCode ?? undefined,
    paymentMethodId: ch.paymentMethodId ?? undefined, cardBrand: ch.cardBrand ?? undefined,
    cardFingerprint: ch.cardFingerprint ?? undefined, invoiceStatus: ch.invoiceStatus, attemptedAt: ch.createdAt.getTime(),
  });
}
