import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BillingEvent } from '../../../domain/billing-event';
import { CardAttemptStore } from '../../common/database/card-attempt-store';

/**
 * Books the attempts the provider reports (its own first charge and retries, sandbox API charges, a run's
 * charge echoed back) into the card attempt log, so the per-card budgets count every attempt on a card
 * whoever made it. A run's own charge is recognised by its charge id and kept once.
 */
@Injectable()
export class CardAttemptRecorder {
  private readonly store: CardAttemptStore;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.store = new CardAttemptStore(dataSource);
  }

  /** Records the event's attempt when it names a card; a redelivered event changes nothing. */
  async record(event: BillingEvent, eventRowId: string): Promise<{ recorded: boolean } | undefined> {
    const a = event.attempt;
    if (event.kind !== 'invoice_payment_failed' || !a?.cardFingerprint) return undefined;
    return this.store.observe({
      fingerprint: a.cardFingerprint, cardBrand: a.cardBrand ?? event.paymentMethod?.cardBrand, at: event.occurredAt,
      chargeId: a.chargeId, eventKey: `event:${eventRowId}`, invoiceId: event.invoice?.id, paymentMethodId: a.paymentMethodId,
      succeeded: false, declineCode: a.declineCode, networkDeclineCode: a.networkDeclineCode, networkAdviceCode: a.networkAdviceCode,
    });
  }
}
