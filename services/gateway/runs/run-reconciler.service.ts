import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectEntityManager } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { RunOutcome } from '../../../domain/run';
import { appConfig } from '../../common/config/app.config';
import { lockRun, RunProjection } from '../../common/database/run-projection';

/** Rows younger than this are left alone: the dispatcher writes the row right after it starts the workflow. */
const GRACE_MS = 60_000;
const BATCH = 100;
const TEMPORAL_TIMEOUT_MS = 5_000;

/**
 * Repairs `running` projection rows whose workflow closed without recording its end (a record that failed past
 * its retry bound, a workflow terminated by hand, a run of a version before the lifecycle rules canceled through
 * Temporal): it asks Temporal how each one closed and records that — a completed workflow's own outcome, else
 * `failed` (failed, timed out, gone) or `canceled` (canceled, terminated). Runs periodically in every gateway
 * (RUN_RECONCILE_INTERVAL); concurrent passes are harmless, the first recorded end stands.
 */
@Injectable()
export class RunReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('run-reconciler');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: Client,
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.reconcileOnce().catch((err) => this.logger.warn({ err }, 'Run reconciliation failed')), this.config.runReconcileIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass over `running` rows older than the grace period; the ids it repaired. */
  async reconcileOnce(now = Date.now()): Promise<string[]> {
    const rows: { id: string; currentStep: number | null }[] = await this.manager.query(
      `SELECT id, current_step AS "currentStep" FROM runs WHERE status = 'running' AND started_at < $1 ORDER BY started_at LIMIT $2`,
      [new Date(now - GRACE_MS), BATCH]);
    const repaired: string[] = [];
    for (const row of rows) {
      const outcome = await this.closedOutcome(row.id, row.currentStep ?? 0, now);
      if (!outcome) continue;
      const ended = await this.manager.transaction(async (tx) => {
        await lockRun(tx, row.id);
        return new RunProjection(tx).ended(row.id, outcome);
      });
      if (ended) {
        this.logger.warn({ runId: row.id, status: outcome.status, reason: outcome.reason }, 'Run end recorded by the reconciler');
        repaired.push(row.id);
      }
    }
    return repaired;
  }

  /** How the run's workflow closed, or undefined while it runs (or Temporal does not answer). */
  private async closedOutcome(id: string, stepIndex: number, now: number): Promise<RunOutcome | undefined> {
    const handle = this.client.workflow.getHandle(id);
    try {
      const { status, closeTime } = await this.client.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () => handle.describe());
      const at = closeTime?.getTime() ?? now;
      const end = (s: RunOutcome['status'], reason: string): RunOutcome => ({ status: s, reason, at, stepIndex });
      switch (status.name) {
        case 'RUNNING': case 'CONTINUED_AS_NEW': case 'PAUSED': case 'UNSPECIFIED': return undefined;
        case 'COMPLETED': return { ...(await handle.result() as RunOutcome), at };
        case 'FAILED': return end('failed', await failureMessage(handle));
        case 'TIMED_OUT': return end('failed', 'workflow timed out');
        case 'CANCELLED': return end('canceled', 'workflow canceled');
        case 'TERMINATED': return end('canceled', 'workflow terminated');
      }
      return undefined;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { status: 'failed', reason: 'workflow not found in Temporal', at: now, stepIndex };
      this.logger.warn({ err, runId: id }, 'Run state unavailable for reconciliation');
      return undefined;
    }
  }
}

async function failureMessage(handle: ReturnType<Client['workflow']['getHandle']>): Promise<string> {
  try {
    await handle.result();
    return 'workflow failed';
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return `workflow failed: ${cause?.message ?? (err as Error).message}`;
  }
}
