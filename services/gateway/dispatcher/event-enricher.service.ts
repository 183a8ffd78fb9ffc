import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { BillingProviderError } from '../../../providers/billing/billing-provider';
import type { BillingEvent } from '../../../domain/billing-event';
import { enrichEvent, staleInvoiceReason, type ProviderFacts } from '../../../domain/dispatch-facts';
import { customerIdOf } from '../../../domain/triggers';
import { BILLING_READER, type BillingReader } from './billing-reader';
import { BILLING_ACCESS } from '../../../providers/billing/billing-provider.module';
import { isAccessRefused, type BillingAccessMonitor } from '../../../providers/billing/billing-access';
import { preparedStatement, queryPrepared } from '../../common/database/prepared-statement';

/** The event with its facts completed, why it is stale (if it is), and what could not be read. */
export interface Enriched {
  event: BillingEvent;
  stale?: string;
  notes: string[];
}

const SETTLED_KINDS = ['invoice_paid', 'invoice_voided', 'invoice_marked_uncollectible'];
const SETTLED_HERE = preparedStatement('events_invoice_settled',
  `SELECT kind FROM events WHERE subject_type = 'invoice' AND subject_id = $1 AND status = 'dispatched' AND kind = ANY($2) LIMIT 1`);

/** Completes an event's facts from the billing provider and checks the invoice's current state. */
@Injectable()
export class EventEnricher {
  constructor(
    @Inject(BILLING_READER) private readonly billing: BillingReader,
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(BILLING_ACCESS) private readonly access: BillingAccessMonitor,
  ) {}

  /** Only events that may start something are enriched (and held while the provider refuses us): signals need no facts. */
  async enrich(event: BillingEvent): Promise<Enriched> {
    // A run started now could not act (every charge or cancel refused): the event waits for the key to work.
    this.access.assertUsable();
    // The reads are independent: at once, not one after the other (their notes still in this order).
    const notesOf: string[][] = [[], [], []];
    const read = <T>(i: number, what: string, call: () => Promise<T>) => this.read(what, call, notesOf[i]);
    const subscriptionId = event.subscription?.id ?? event.invoice?.subscriptionId;
    const customerId = customerIdOf(event);
    // Stripe webhooks carry an invoice's customer as an id: its metadata must be read.
    const needsCustomer = !event.customer || (event.provider === 'stripe' && event.invoice !== undefined);
    const [invoice, subscription, customer, settled] = await Promise.all([
      event.invoice ? read(0, `invoice ${event.invoice.id}`, () => this.billing.getInvoice(event.invoice!.id)) : undefined,
      subscriptionId && event.subscription?.interval === undefined ? read(1, `subscription ${subscriptionId}`, () => this.billing.getSubscription(subscriptionId)) : undefined,
      customerId && needsCustomer ? read(2, `customer ${customerId}`, () => this.billing.getCustomer(customerId)) : undefined,
      event.invoice ? this.settledHere(event.invoice.id) : undefined,
    ]);
    const facts: ProviderFacts = {};
    if (event.invoice) facts.invoice = invoice;
    if (subscription !== undefined) facts.subscription = subscription;
    if (customer !== undefined) facts.customer = customer;
    const stale = staleInvoiceReason(facts.invoice) ?? settled;
    return { event: enrichEvent(event, facts), stale, notes: notesOf.flat() };
  }

  /** A settling event already dispatched for the invoice (ours, when the provider cannot be asked). */
  private async settledHere(invoiceId: string): Promise<string | undefined> {
    const rows = await queryPrepared<{ kind: string }>(this.manager, SETTLED_HERE,
      [invoiceId, SETTLED_KINDS],
    );
    return rows[0] ? `invoice ${invoiceId} already had a ${rows[0].kind} event` : undefined;
  }

  /** Not found / not configured: go on with the payload's facts. Transient faults: retry the event later. */
  private async read<T>(what: string, call: () => Promise<T>, notes: string[]): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      // Our key refused mid-way (the monitor saw it): hold the event rather than start a run that cannot act.
      if (isAccessRefused(error)) {
        this.access.observe(error);
        this.access.assertUsable();
      }
      if (error instanceof BillingProviderError && !error.retryable) {
        notes.push(`${what} not read from the billing provider (${error.type})`);
        return undefined;
      }
      throw error;
    }
  }
}
