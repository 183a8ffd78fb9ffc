import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Repository } from 'typeorm';
import type { RunState } from '../../../domain/run';
import { runStateView } from '../../../domain/run-state-view';
import { cancelSignal, skipWaitSignal, stateQuery } from '../../../workflows/messages';
import { recordAudit } from '../../common/audit/record-audit';
import type { AutomationVersion } from '../../../domain/automation';
import { RESTARTABLE } from '../../../domain/run-succession';
import type { RunSubject } from '../../../domain/triggers';
import { AutomationVersionEntity } from '../../common/database/entities/automation-version.entity';
import { AutomationEntity } from '../../common/database/entities/automation.entity';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { EventDispatcher } from '../dispatcher/event-dispatcher.service';
import { RunStepEntity } from '../../common/database/entities/run-step.entity';
import { RunEntity } from '../../common/database/entities/run.entity';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { paginate, type Page } from '../admin/pagination';
import { conflict, notFound } from '../admin/problems';
import { toVersionResource } from '../automations/dto/automation.resource';
import type { ListRunsQuery } from './dto/run-queries.dto';
import { appConfig } from '../../common/config/app.config';
import { readProviderRetries } from '../../common/database/provider-retries-store';
import { toRunResource, toRunStepResource, type RunDetailResource, type RunResource, type RunSignalResource } from './dto/run.resource';

/** A Temporal call that does not answer within this is reported instead of holding the request. */
const TEMPORAL_TIMEOUT_MS = 5_000;

/** Runs: the projection for lists, the workflow for live state and signals. */
@Injectable()
export class RunsService {
  private readonly logger = new Logger('runs');

  constructor(
    @InjectRepository(RunEntity) private readonly runs: Repository<RunEntity>,
    @InjectRepository(RunStepEntity) private readonly steps: Repository<RunStepEntity>,
    @InjectRepository(AutomationVersionEntity) private readonly versions: Repository<AutomationVersionEntity>,
    private readonly client: Client,
    private readonly dispatcher: EventDispatcher,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  list(query: ListRunsQuery): Promise<Page<RunResource>> {
    const qb = this.runs.createQueryBuilder('r');
    const filters = { automationId: 'automation_id', customerId: 'customer_id', invoiceId: 'invoice_id', subscriptionId: 'subscription_id', status: 'status' } as const;
    for (const [key, column] of Object.entries(filters)) {
      const value = query[key as keyof typeof filters];
      if (value !== undefined) qb.andWhere(`r.${column} = :${key}`, { [key]: value });
    }
    return paginate(qb, { alias: 'r', table: 'runs', columns: ['started_at', 'id'], direction: 'DESC' }, query, toRunResource);
  }

  /** The projection, the pinned version, the recorded steps, and the live `state` while the run is running. */
  async get(id: string): Promise<RunDetailResource> {
    const row = await this.find(id);
    const [version, steps, next] = await Promise.all([
      this.versions.findOneBy({ automationId: row.automationId, version: row.automationVersion }),
      this.steps.find({ where: { runId: id }, order: { stepIndex: 'ASC', attempt: 'ASC' } }),
      this.runs.find({ select: { id: true }, where: { previousRunId: id }, order: { startedAt: 'ASC' } }),
    ]);
    const detail: RunDetailResource = {
      ...toRunResource(row), pinnedVersion: version ? toVersionResource(version) : null,
      steps: steps.map(toRunStepResource), source: 'projection', live: null, liveError: null,
      finalState: row.finalState ? (runStateView(row.finalState as unknown as RunState) as unknown as Record<string, unknown>) : null,
      nextRunIds: next.map((r) => r.id),
      providerRetries: this.config.billingProvider === 'stripe' ? ((await readProviderRetries(this.runs.manager.connection, id)).get(id) as unknown as Record<string, unknown> | undefined) ?? null : null,
    };
    if (row.status !== 'running') return detail;
    try {
      const state = await this.client.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () => this.client.workflow.getHandle(id).query(stateQuery));
      return { ...detail, source: 'workflow', live: runStateView(state) as unknown as Record<string, unknown> };
    } catch (error) {
      this.logger.warn({ err: error, runId: id }, 'Live run state unavailable');
      return { ...detail, liveError: error instanceof Error ? error.message : 'the workflow did not answer' };
    }
  }

  /**
   * Cancels the run: the `cancel` signal carries the reason, then a Temporal cancellation interrupts whatever the
   * run is doing (a wait, an email or webhook retrying); a charge in flight is recorded first. The run records
   * `canceled` and its workflow ends canceled.
   */
  async cancel(id: string, reason = 'operator'): Promise<RunSignalResource> {
    const row = await this.findRunning(id);
    await this.signal(id, (handle) => cancelRun(handle, reason));
    await recordAudit(this.runs.manager, 'run.cancel', id, { reason });
    return { run: toRunResource(row), signal: 'cancel' };
  }

  /** Signals `skipWait`: the current wait (grace period or retry delay) ends now. */
  async skipWait(id: string): Promise<RunSignalResource> {
    const row = await this.findRunning(id);
    await this.signal(id, (handle) => handle.signal(skipWaitSignal));
    await recordAudit(this.runs.manager, 'run.skip_wait', id);
    return { run: toRunResource(row), signal: 'skipWait' };
  }

  /** Signals `cancel` to every running run of an automation (disable mode `cancel`). */
  async cancelRunningOf(automationId: string, reason: string): Promise<{ canceled: string[]; unreachable: string[] }> {
    const running = await this.runs.find({ select: { id: true }, where: { automationId, status: 'running' } });
    const canceled: string[] = [];
    const unreachable: string[] = [];
    // One by one: an automation has few running runs per call, and one closed run must not fail the rest.
    for (const { id } of running) {
      try {
        await this.signal(id, (handle) => cancelRun(handle, reason));
        canceled.push(id);
      } catch (error) {
        if (!(error instanceof ProblemException) || error.details.status !== 409) throw error;
        unreachable.push(id);
      }
    }
    return { canceled, unreachable };
  }

  /**
   * Starts a new run after a failed or canceled one, for the same subject from the event that set it off, on the
   * same version or the automation's current one; the new run links to this one. Refused (409) for a run that
   * did not fail or was not canceled, or that another run follows already.
   */
  async restart(id: string, which: 'same' | 'current' = 'same'): Promise<RunResource> {
    const row = await this.find(id);
    if (!RESTARTABLE.includes(row.status)) throw conflict(`Run ${id} ${row.status === 'running' ? 'is running' : `ended ${row.status}`}: only a failed or canceled run can be restarted`);
    const later = await this.runs.findOneBy({ previousRunId: id });
    if (later) throw conflict(`Run ${id} is followed by run ${later.id} already`);
    const automation = await this.runs.manager.findOneBy(AutomationEntity, { id: row.automationId });
    if (!automation) throw conflict(`The automation of run ${id} was deleted`);
    const number = which === 'current' ? automation.currentVersion : row.automationVersion;
    const version = await this.versions.findOneBy({ automationId: row.automationId, version: number });
    const event = row.triggerEventId ? await this.runs.manager.findOneBy(BillingEventEntity, { id: row.triggerEventId }) : null;
    if (!version || !event) throw conflict(`Run ${id} cannot be restarted: its ${version ? 'triggering event' : 'version'} is no longer kept`);
    const snapshot = { ...version.definition, automationId: row.automationId, version: version.version } as AutomationVersion;
    const started = await this.dispatcher.restart(event, snapshot, { type: row.subjectType as RunSubject['type'], id: row.subjectId });
    if (!started || started.existing) throw conflict(`Run ${id} cannot be restarted: ${started ? `run ${started.workflowId} is live on its subject` : 'its triggering event no longer normalizes'}`);
    await recordAudit(this.runs.manager, 'run.restart', id, { newRunId: started.workflowId, version: version.version });
    return toRunResource(await this.find(started.workflowId));
  }

  /** Whether an automation has running runs (deleting it is refused then). */
  hasRunning(automationId: string): Promise<boolean> {
    return this.runs.existsBy({ automationId, status: 'running' });
  }

  private async signal(id: string, send: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<void>): Promise<void> {
    try {
      await this.client.withDeadline(Date.now() + TEMPORAL_TIMEOUT_MS, () => send(this.client.workflow.getHandle(id)));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw conflict(`Run ${id} is no longer running`);
      this.logger.error({ err: error, runId: id }, 'Signal failed');
      throw new ProblemException(problem(503, 'Temporal did not accept the signal; try again'));
    }
  }

  private async find(id: string): Promise<RunEntity> {
    const row = await this.runs.findOneBy({ id });
    if (!row) throw notFound('run', id);
    return row;
  }

  private async findRunning(id: string): Promise<RunEntity> {
    const row = await this.find(id);
    if (row.status !== 'running') throw conflict(`Run ${id} is not running (status ${row.status})`);
    return row;
  }
}

/** The reason first (a signal), then the Temporal cancellation that interrupts what the run is doing. */
async function cancelRun(handle: ReturnType<Client['workflow']['getHandle']>, reason: string): Promise<void> {
  await handle.signal(cancelSignal, { reason });
  await handle.cancel();
}
