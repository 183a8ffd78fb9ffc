import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RunStatus } from '../../../domain/run';
import { outboxDepth, outboxOldestAge, runsByState } from '../../common/metrics/dunning-metrics';
import { metricsRegistry } from '../../common/metrics/metrics-registry';

const RUN_STATES = ['running', 'recovered', 'completed', 'ended', 'canceled', 'skipped', 'failed'] as const satisfies readonly RunStatus[];

/** The gateway's scrape: the process registry, with the outbox and run-state gauges read from PostgreSQL first. */
@Injectable()
export class MetricsService {
  readonly registry = metricsRegistry;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The exposition text; the database gauges are skipped (left stale) when PostgreSQL does not answer. */
  async scrape(): Promise<string> {
    await this.readDatabaseGauges().catch(() => undefined);
    return this.registry.metrics();
  }

  private async readDatabaseGauges(): Promise<void> {
    const [[outbox], states] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS depth, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age FROM outbox`),
      this.dataSource.query(`SELECT status, count(*)::int AS n FROM runs GROUP BY status`) as Promise<{ status: string; n: number }[]>,
    ]);
    outboxDepth.set(outbox.depth);
    outboxOldestAge.set(outbox.age);
    for (const state of RUN_STATES) runsByState.set({ state }, 0);
    for (const { status, n } of states) runsByState.set({ state: status }, n);
  }
}
