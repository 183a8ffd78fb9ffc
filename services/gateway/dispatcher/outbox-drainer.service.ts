import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from '@temporalio/client';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { OutboxEntryEntity } from '../../common/database/entities/outbox-entry.entity';
import { dispatchLag, dispatchOutcomes } from '../../common/metrics/dunning-metrics';
import { contextFromCarrier, withRequestId } from '../../common/telemetry/request-context';
import { inSpan } from '../../common/telemetry/tracing';
import { describeError, isUnavailable } from './dispatch-errors';
import { backoffMs, DISPATCHER_OPTIONS, type DispatcherOptions } from './dispatcher.options';
import { EventDispatcher } from './event-dispatcher.service';

/** How one batch went: rows handled, and whether Temporal/PostgreSQL looked unavailable. */
export interface DrainResult {
  processed: number;
  unavailable: boolean;
}

interface OutboxRow {
  id: string;
  event_id: string;
  attempts: number;
  request_id: string | null;
  trace_context: Record<string, string> | null;
}

/**
 * Drains the outbox: each batch is locked with `FOR UPDATE SKIP LOCKED` for the whole dispatch, so several
 * gateway instances never take the same event; success deletes the row in the same transaction. Started on
 * bootstrap (unless disabled), stopped on shutdown after the batch in flight.
 */
@Injectable()
export class OutboxDrainer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('dispatcher');
  private loop?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: EventDispatcher,
    @Inject(DISPATCHER_OPTIONS) private readonly options: DispatcherOptions,
    private readonly client: Client,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.enabled) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
    this.logger.log({ taskQueue: this.options.taskQueue }, 'Dispatcher started');
  }

  /** Stops the loop after the batch in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Dispatches up to one batch of due rows (also what the loop calls). */
  async drainOnce(): Promise<DrainResult> {
    return this.dataSource.transaction(async (tx) => {
      const rows: OutboxRow[] = await tx.query(
        `SELECT id, event_id, attempts, request_id, trace_context FROM outbox WHERE available_at <= now() ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      let processed = 0;
      for (const row of rows) {
        // The row's request id and trace continue here: its logs, its span, and the workflow it starts carry them.
        const ok = await context.with(contextFromCarrier(row.trace_context), () =>
          withRequestId(row.request_id, () => inSpan('dispatch event', () => this.dispatchRow(tx, row))));
        processed++;
        if (!ok) return { processed, unavailable: true }; // the rest stay locked until commit, then wait
      }
      return { processed, unavailable: false };
    });
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
    this.logger.log('Dispatcher stopped');
  }

  /** False when the failure was unavailability (the loop then backs off as a whole). */
  private async dispatchRow(tx: EntityManager, row: OutboxRow): Promise<boolean> {
    const event = await tx.findOneBy(BillingEventEntity, { id: row.event_id });
    if (!event) {
      await tx.delete(OutboxEntryEntity, { id: row.id }); // cannot happen with the FK-less schema unless deleted by hand
      return true;
    }
    try {
      const result = await this.dispatcher.dispatch(event);
      const update = { ...result, dispatchedAt: new Date() } as QueryDeepPartialEntity<BillingEventEntity>; // jsonb columns
      await tx.update(BillingEventEntity, { id: event.id }, update);
      await tx.delete(OutboxEntryEntity, { id: row.id });
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
        await tx.update(BillingEventEntity, { id: event.id }, { status: 'failed', error: lastError });
        await tx.delete(OutboxEntryEntity, { id: row.id });
        dispatchOutcomes.inc({ outcome: 'failed' });
        return true;
      }
      this.logger.warn({ eventId: event.id, requestId: row.request_id, attempts, unavailable, err: lastError }, 'Event dispatch failed, will retry');
      // An outage is not the event's fault: it stays due, and the loop's backoff (which ends as soon as the
      // dependency answers) decides when it is tried again. Only the event's own failures back off per row.
      const availableAt = new Date(Date.now() + (unavailable ? 0 : backoffMs(attempts, this.options.rowBackoff)));
      await tx.update(OutboxEntryEntity, { id: row.id }, { attempts, availableAt, lastError });
      dispatchOutcomes.inc({ outcome: 'retry' });
      return !unavailable;
    }
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
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
