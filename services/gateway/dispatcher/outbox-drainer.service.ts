import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import pLimit from 'p-limit';
import type { DataSource } from 'typeorm';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { findByIds } from '../../common/database/find-by-id';
import { dispatchLag, dispatchOutcomes } from '../../common/metrics/dunning-metrics';
import { contextFromCarrier, withRequestId } from '../../common/telemetry/request-context';
import { inSpan } from '../../common/telemetry/tracing';
import { describeError, isUnavailable } from './dispatch-errors';
import { backoffMs, DISPATCHER_OPTIONS, type DispatcherOptions } from './dispatcher.options';
import { EventDispatcher } from './event-dispatcher.service';
import { OutboxLeases, type LeasedRow } from './outbox-leases';

/** How one batch went: rows handled, and whether Temporal/PostgreSQL looked unavailable. */
export interface DrainResult {
  processed: number;
  unavailable: boolean;
}

/**
 * Drains the outbox concurrently: `lanes` loops each claim a batch (a short lease, see OutboxLeases; no
 * transaction is held across a network call) and dispatch its rows at once, at most `concurrency` rows in
 * flight in the process. Events of one ordering key (the customer) are dispatched one after the other in
 * the order they were accepted, within and across batches; several gateways share the outbox through the
 * leases without taking the same row. Started on bootstrap (unless disabled), stopped on shutdown after the
 * rows in flight (the claimed rows not begun are given back).
 */
@Injectable()
export class OutboxDrainer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('dispatcher');
  private readonly leases: OutboxLeases;
  private readonly limit: pLimit.Limit;
  /** The last dispatch queued per ordering key: the next event of that key waits for it. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private loop?: Promise<void>;
  private stopping = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: EventDispatcher,
    @Inject(DISPATCHER_OPTIONS) private readonly options: DispatcherOptions,
    private readonly client: Client,
  ) {
    this.leases = new OutboxLeases(dataSource);
    this.limit = pLimit(Math.max(1, options.concurrency));
  }

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts the background loops (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = Promise.all(Array.from({ length: Math.max(1, this.options.lanes) }, () => this.run())).then(() => this.logger.log('Dispatcher stopped'));
    this.logger.log({ taskQueue: this.options.taskQueue, lanes: this.options.lanes, concurrency: this.options.concurrency }, 'Dispatcher started');
  }

  /** Stops the loops after the rows in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakers.forEach((wake) => wake());
    await this.loop;
    this.loop = undefined;
  }

  /** Claims and dispatches up to one batch of due rows (also what each loop calls). */
  async drainOnce(): Promise<DrainResult> {
    const rows = await this.leases.claim(this.options.batchSize, this.options.leaseMs);
    if (rows.length === 0) return { processed: 0, unavailable: false };
    const events = new Map((await findByIds(this.dataSource.manager, BillingEventEntity, rows.map((r) => r.event_id))).map((e) => [e.id, e]));
    let unavailable = false;
    const untried: LeasedRow[] = [];
    const one = async (row: LeasedRow): Promise<void> => {
      if (unavailable || this.stopping) return void untried.push(row); // given back below, no attempt counted
      // The row's request id and trace continue here: its logs, its span, and the workflow it starts carry them.
      const ok = await context.with(contextFromCarrier(row.trace_context), () =>
        withRequestId(row.request_id, () => inSpan('dispatch event', () => this.dispatchRow(row, events.get(row.event_id)))));
      if (!ok) unavailable = true;
    };
    const settled = await Promise.allSettled(rows.map((row) => this.inOrder(events.get(row.event_id), () => this.limit(() => one(row)))));
    await this.leases.release(untried);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason; // PostgreSQL went away mid-batch: the loop backs off; unwritten rows come back with their lease
    return { processed: rows.length - untried.length, unavailable };
  }

  /** Runs `task` after every earlier task of the event's ordering key (events without a key run at once). */
  private inOrder(event: BillingEventEntity | undefined, task: () => Promise<void>): Promise<void> {
    const key = event && this.dispatcher.orderingKey(event);
    if (!key) return task();
    const previous = this.chains.get(key) ?? Promise.resolve();
    const mine = previous.then(task, task);
    this.chains.set(key, mine);
    void mine.finally(() => this.chains.get(key) === mine && this.chains.delete(key)).catch(() => undefined);
    return mine;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let waitMs: number;
      try {
        const { processed, unavailable } = await this.drainOnce();
        failures = unavailable ? failures + 1 : 0;
        waitMs = unavailable ? backoffMs(failures, this.options.globalBackoff) : processed > 0 ? 0 : this.options.pollIntervalMs;
      } catch (error) {
        failures++;
        waitMs = backoffMs(failures, this.options.globalBackoff);
        this.logger.warn({ err: describeError(error), waitMs }, 'Outbox not reachable, backing off');
      }
      if (failures > 0) {
        if (await this.backOff(waitMs)) {
          this.logger.log({ failures }, 'Temporal and PostgreSQL answer again: dispatching resumes');
          failures = 0;
        }
      } else if (waitMs > 0) await this.sleep(waitMs);
    }
  }

  /** False when the failure was unavailability (the loop then backs off as a whole). */
  private async dispatchRow(row: LeasedRow, event: BillingEventEntity | undefined): Promise<boolean> {
    if (!event) {
      await this.dataSource.query('DELETE FROM outbox WHERE id = $1', [row.id]); // cannot happen with the FK-less schema unless deleted by hand
      return true;
    }
    try {
      const result = await this.dispatcher.dispatch(event);
      if (!(await this.leases.complete(row, { ...result, dispatchedAt: new Date() }))) return this.leaseLost(row, 'dispatched');
      dispatchOutcomes.inc({ outcome: result.status });
      this.logger.debug({ eventId: event.id, requestId: row.request_id, status: result.status }, 'Event dispatched');
      dispatchLag.observe((Date.now() - event.receivedAt.getTime()) / 1000);
      return true;
    } catch (error) {
      const unavailable = isUnavailable(error);
      const attempts = row.attempts + 1;
      const lastError = describeError(error);
      if (!unavailable && attempts >= this.options.maxAttempts) {
        this.logger.error({ eventId: event.id, requestId: row.request_id, attempts, err: lastError }, 'Event dispatch failed for good');
        const failed = { status: 'failed' as const, kind: event.kind, subjectType: event.subjectType, subjectId: event.subjectId, matchedAutomationId: event.matchedAutomationId,
          matchedVersion: event.matchedVersion, explanation: event.explanation, outcome: event.outcome, error: lastError, dispatchedAt: event.dispatchedAt };
        if (!(await this.leases.complete(row, failed))) return this.leaseLost(row, 'failed');
        dispatchOutcomes.inc({ outcome: 'failed' });
        return true;
      }
      this.logger.warn({ eventId: event.id, requestId: row.request_id, attempts, unavailable, err: lastError }, 'Event dispatch failed, will retry');
      // An outage is not the event's fault: it stays due, and the loop's backoff (which ends as soon as the
      // dependency answers) decides when it is tried again. Only the event's own failures back off per row.
      const availableAt = new Date(Date.now() + (unavailable ? 0 : backoffMs(attempts, this.options.rowBackoff)));
      if (!(await this.leases.retryAt(row, availableAt, attempts, lastError))) this.leaseLost(row, 'retry');
      dispatchOutcomes.inc({ outcome: 'retry' });
      return !unavailable;
    }
  }

  /** The dispatch outlived its lease and another dispatcher took the row: its result is that one's to write. */
  private leaseLost(row: LeasedRow, outcome: string): true {
    this.logger.warn({ eventId: row.event_id, requestId: row.request_id, outcome, leaseMs: this.options.leaseMs }, 'Outbox lease lost: result left to the dispatcher that holds the row');
    return true;
  }

  /**
   * Waits out the global backoff in slices of `probeIntervalMs`, probing Temporal and PostgreSQL after each;
   * true as soon as both answer (the backoff then resets), false when the whole wait passed.
   */
  private async backOff(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (!this.stopping && Date.now() < until) {
      await this.sleep(Math.min(this.options.probeIntervalMs, until - Date.now()));
      if (!this.stopping && (await this.dependenciesAnswer())) return true;
    }
    return false;
  }

  private async dependenciesAnswer(): Promise<boolean> {
    try {
      await this.client.withDeadline(Date.now() + this.options.probeIntervalMs, () => this.client.workflowService.getSystemInfo({}));
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
