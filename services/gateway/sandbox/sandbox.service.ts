import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SandboxBillingProvider } from '../../../providers/billing/sandbox/sandbox-billing.provider';
import { SandboxInvoices } from '../../../providers/billing/sandbox/sandbox-invoices';
import { SandboxLedger } from '../../../providers/billing/sandbox/sandbox-ledger';
import type { ScriptedOutcome } from '../../common/database/entities/sandbox-payment-method.entity';
import type { AttachPaymentMethodDto, ScriptPaymentMethodDto, UpdateCardExpiryDto } from './dto/attach-payment-method.dto';
import type { CreateCustomerDto } from './dto/create-customer.dto';
import type { CreatePriceDto, CreateSubscriptionDto } from './dto/create-catalog.dto';
import type { CreateInvoiceDto } from './dto/create-invoice.dto';
import type { ScriptedOutcomeDto } from './dto/scripted-outcome.dto';
import { asProblem } from './sandbox-errors';

/** Validated outcomes as the ledger stores them (a decline always has its code: the DTO requires it). */
const scripted = (outcomes: ScriptedOutcomeDto[] | undefined): ScriptedOutcome[] | undefined =>
  outcomes?.map((o) => (o.outcome === 'decline'
    ? { outcome: 'decline', declineCode: o.declineCode!, ...(o.networkDeclineCode && { networkDeclineCode: o.networkDeclineCode }), ...(o.networkAdviceCode && { networkAdviceCode: o.networkAdviceCode }) }
    : { outcome: 'succeed' }));

/** Changes to the sandbox ledger from the HTTP API; each emits its event into the ingestion pipeline. */
@Injectable()
export class SandboxService {
  constructor(
    private readonly ledger: SandboxLedger,
    private readonly invoices: SandboxInvoices,
    private readonly billing: SandboxBillingProvider,
  ) {}

  createCustomer(dto: CreateCustomerDto) {
    return asProblem(() => this.ledger.createCustomer(dto));
  }

  attachPaymentMethod(customerId: string, dto: AttachPaymentMethodDto) {
    return asProblem(() => this.ledger.attachPaymentMethod(customerId, { ...dto, nextOutcomes: scripted(dto.nextOutcomes) }));
  }

  setDefaultPaymentMethod(customerId: string, paymentMethodId: string) {
    return asProblem(() => this.ledger.setDefaultPaymentMethod(customerId, paymentMethodId));
  }

  updateCardExpiry(id: string, dto: UpdateCardExpiryDto) {
    return asProblem(() => this.ledger.updatePaymentMethod(id, dto));
  }

  scriptPaymentMethod(id: string, dto: ScriptPaymentMethodDto) {
    return asProblem(() => this.ledger.scriptPaymentMethod(id, { ...dto, nextOutcomes: scripted(dto.nextOutcomes) }));
  }

  createProduct(name: string) {
    return this.ledger.createProduct(name);
  }

  createPrice(dto: CreatePriceDto) {
    return asProblem(() => this.ledger.createPrice(dto));
  }

  createSubscription(dto: CreateSubscriptionDto) {
    return asProblem(() => this.ledger.createSubscription(dto));
  }

  cancelSubscription(id: string, reason = 'cancellation_requested') {
    return asProblem(() => this.billing.cancelSubscription(id, { idempotencyKey: `sandbox-api:${randomUUID()}` }, reason));
  }

  createInvoice(dto: CreateInvoiceDto) {
    const dueDate = dto.dueDate === undefined ? undefined : Date.parse(dto.dueDate);
    return asProblem(() => this.invoices.create({ ...dto, dueDate }));
  }

  /** A renewal charge attempt through the very path dunning retries take (`payInvoice`). */
  attemptInvoice(id: string, idempotencyKey = `sandbox-api:${randomUUID()}`) {
    return asProblem(() => this.billing.payInvoice(id, { idempotencyKey }));
  }

  payOutOfBand(id: string) {
    return asProblem(() => this.invoices.payOutOfBand(id));
  }

  voidInvoice(id: string) {
    return asProblem(() => this.invoices.void(id));
  }

  markUncollectible(id: string) {
    return asProblem(() => this.billing.markInvoiceUncollectible(id));
  }
}
