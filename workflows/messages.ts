import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { RunState } from '../domain/run';

/**
 * Signals and queries of the run and deadline workflows. Names are part of the shipped contract (the
 * gateway sends them, histories record them): never rename, only add.
 */

/** Facts of a settling event: when the provider says it happened. */
export interface SettledPayload {
  at?: number;
}

/** A later failed attempt made by the provider (Stripe's `invoice.payment_failed` with attempt > 1). */
export interface PaymentFailedPayload {
  attempt: number;
  declineCode?: string;
  /** The card network's response and advice codes and the card brand, when the provider reports them. */
  networkDeclineCode?: string;
  networkAdviceCode?: string;
  cardBrand?: string;
  at?: number;
}

/** Why a run is canceled (`automation_disabled` for disable mode `cancel`, `operator` for the API). */
export interface CancelPayload {
  reason: string;
}

/** The invoice was paid (also out of band): the run ends recovered. */
export const invoicePaidSignal = defineSignal<[SettledPayload?]>('invoicePaid');
/** The invoice was voided: the run ends. */
export const invoiceVoidedSignal = defineSignal<[SettledPayload?]>('invoiceVoided');
/** The invoice was marked uncollectible outside the run: the run ends. */
export const invoiceUncollectibleSignal = defineSignal<[SettledPayload?]>('invoiceUncollectible');
/** The subscription was canceled outside the run: the run ends. */
export const subscriptionCanceledSignal = defineSignal<[SettledPayload?]>('subscriptionCanceled');
/** The provider made (and failed) another attempt: recorded; a hard decline pauses retries. */
export const paymentFailedSignal = defineSignal<[PaymentFailedPayload]>('paymentFailed');
/** The customer changed the payment method: a paused or waiting retry happens promptly. */
export const paymentMethodUpdatedSignal = defineSignal<[SettledPayload?]>('paymentMethodUpdated');
/** Why collection was turned off at the provider. */
export interface CollectionStoppedPayload {
  reason: 'subscription_paused' | 'invoice_auto_advance_off' | 'invoice_send_invoice';
  at?: number;
}

/** Collection was turned off at the provider (paused subscription, auto_advance off, send_invoice): the run ends. */
export const collectionStoppedSignal = defineSignal<[CollectionStoppedPayload]>('collectionStopped');
/** Stop before the next action (disable mode `cancel`, or an operator). */
export const cancelSignal = defineSignal<[CancelPayload]>('cancel');
/** End the current wait (grace period or retry delay) now. */
export const skipWaitSignal = defineSignal('skipWait');

/** Current step, next action and when, attempts with decline codes, emails sent, outcome. */
export const stateQuery = defineQuery<RunState>('state');
