import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { Client, isGrpcServiceError } from '@temporalio/client';
import { encodeToPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { EntityManager } from 'typeorm';
import { deadlineWorkflowId, type RunSignalName, type SignalRoute } from '../../../domain/triggers';
import * as messages from '../../../workflows/messages';
import { DISPATCHER_OPTIONS, type DispatcherOptions } from './dispatcher.options';

/** One signal sent (or found pointless: the workflow is no longer running). */
export interface SentSignal {
  workflowId: string;
  signal: string;
  delivered: boolean;
}

/** The shipped signal definitions, by the names the domain routes to. */
const SIGNALS = {
  invoicePaid: messages.invoicePaidSignal,
  invoiceVoided: messages.invoiceVoidedSignal,
  invoiceUncollectible: messages.invoiceUncollectibleSignal,
  subscriptionCanceled: messages.subscriptionCanceledSignal,
  paymentFailed: messages.paymentFailedSignal,
  paymentMethodUpdated: messages.paymentMethodUpdatedSignal,
  collectionStopped: messages.collectionStoppedSignal,
} as const satisfies Record<RunSignalName, { name: string }>;

/** Settling signals the invoice's due-date timer also listens to. */
const DEADLINE_SIGNALS: ReadonlySet<RunSignalName> = new Set(['invoicePaid', 'invoiceVoided', 'invoiceUncollectible']);

const COLUMN = { InvoiceId: 'invoice_id', SubscriptionId: 'subscription_id', CustomerId: 'customer_id' } as const;
const GRPC_NOT_FOUND = 5;

/**
 * Sends an event's signals to the running runs of its subject (found in the `runs` projection). Each signal
 * carries a request id derived from the event: Temporal drops a repeat with the same request id, so a
 * re-dispatched event (crash before the outbox row was deleted) does not signal a run twice.
 */
@Injectable()
export class RunSignaler {
  constructor(
    private readonly client: Client,
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(DISPATCHER_OPTIONS) private readonly options: DispatcherOptions,
  ) {}

  /** Sends one routed signal to every running run of its target (and the invoice's timer for settlements). */
  async send(route: SignalRoute, eventRowId: string, opts: { exclude: string[]; sendInvoice: boolean }): Promise<SentSignal[]> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM runs WHERE status = 'running' AND ${COLUMN[route.target.attribute]} = $1 ORDER BY id`,
      [route.target.id],
    );
    const targets = rows.map((r) => r.id).filter((id) => !opts.exclude.includes(id));
    if (opts.sendInvoice && route.target.attribute === 'InvoiceId' && DEADLINE_SIGNALS.has(route.signal)) {
      targets.push(deadlineWorkflowId(route.target.id));
    }
    const sent: SentSignal[] = [];
    for (const workflowId of targets) {
      const delivered = await this.signal(workflowId, route, `${eventRowId}:${route.signal}`);
      sent.push({ workflowId, signal: route.signal, delivered });
    }
    return sent;
  }

  private async signal(workflowId: string, route: SignalRoute, requestId: string): Promise<boolean> {
    const { at, attempt, declineCode, networkDeclineCode, networkAdviceCode, cardBrand, reason } = route.payload;
    const payload = route.signal === 'paymentFailed' ? { attempt: attempt ?? 0, declineCode, networkDeclineCode, networkAdviceCode, cardBrand, at }
      : route.signal === 'collectionStopped' ? { reason, at } : { at };
    const { namespace, identity, loadedDataConverter } = this.client.options;
    try {
      // The raw call, because the SDK's `handle.signal` always sends a random request id.
      await this.client.withDeadline(Date.now() + this.options.temporalCallTimeoutMs, async () =>
        this.client.workflowService.signalWorkflowExecution({
          namespace, identity, requestId, workflowExecution: { workflowId },
          signalName: SIGNALS[route.signal].name,
          input: { payloads: await encodeToPayloads(loadedDataConverter, payload) },
        }),
      );
      return true;
    } catch (error) {
      if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return false; // ended meanwhile
      throw error;
    }
  }
}
