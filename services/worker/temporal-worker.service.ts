import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NativeConnection, Worker } from '@temporalio/worker';
import { appConfig } from '../common/config/app.config';
import { temporalConnectionOptions } from '../common/temporal/connection-options';
import { cardExpiryScheduleId, ensureCardExpirySchedule, ensureRetentionSchedule, retentionScheduleId } from './retention-schedule';
import { workerTuning, workflowSource } from './worker-options';
import { shutdownTracing } from '../common/telemetry/otel-sdk';
import { workerTelemetryOptions } from './telemetry/worker-telemetry';

export const ACTIVITIES = Symbol('ACTIVITIES');

/** The Temporal worker: created on init, run on bootstrap, drained and shut down on destroy. */
@Injectable()
export class TemporalWorkerService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('worker');
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @Inject(ACTIVITIES) private readonly activities: object,
  ) {}

  async onModuleInit(): Promise<void> {
    const { temporal } = this.config;
    if (!temporal.address) {
      throw new Error('TEMPORAL_ADDRESS is unset: start the whole system with `make up`, or point TEMPORAL_ADDRESS at a cluster');
    }
    this.connection = await NativeConnection.connect(temporalConnectionOptions(temporal, temporal.address));
    const source = workflowSource();
    const telemetry = workerTelemetryOptions();
    // A prebuilt bundle carries its workflow interceptors already (worker-options.ts writes them in).
    if (source.workflowBundle && telemetry.interceptors) telemetry.interceptors = { ...telemetry.interceptors, workflowModules: undefined };
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: temporal.namespace,
      taskQueue: temporal.taskQueue,
      ...source,
      activities: this.activities,
      ...telemetry,
      shutdownGraceTime: '20 seconds',
      ...workerTuning(this.config.workerTuning),
    });
    // Any worker may create the daily schedules; the others find them there. Not fatal: runs matter more.
    const schedules = [
      ['Retention', retentionScheduleId(temporal.taskQueue), ensureRetentionSchedule],
      ['Card expiry', cardExpiryScheduleId(temporal.taskQueue), ensureCardExpirySchedule],
    ] as const;
    for (const [name, scheduleId, ensure] of schedules) {
      await ensure(this.config).then(
        (result) => this.logger.log({ scheduleId, result }, `${name} schedule ready`),
        (error: unknown) => this.logger.warn({ scheduleId, err: error }, `${name} schedule not created; the next worker start tries again`),
      );
    }
  }

  /** The Temporal worker's state (`RUNNING` once polling), for readiness. */
  state(): string {
    return this.worker?.getState() ?? 'INITIALIZED';
  }

  onApplicationBootstrap(): void {
    this.running = this.worker!.run();
    this.running.catch((error: unknown) => {
      this.logger.error({ err: error }, 'Worker stopped with an error');
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    });
    this.logger.log({ taskQueue: this.config.temporal.taskQueue }, 'Worker polling');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await shutdownTracing();
    this.logger.log('Worker drained and stopped');
  }
}
