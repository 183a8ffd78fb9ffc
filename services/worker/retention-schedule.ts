import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { AppConfig } from '../common/config/app.config';
import { temporalConnectionOptions } from '../common/temporal/connection-options';
import type * as workflows from '../../workflows';

/** The schedule's id: one per namespace and task queue (one deployment), whatever the number of workers. */
export function retentionScheduleId(taskQueue: string): string {
  return `retention-prune:${taskQueue}`;
}

/** The card-expiry sweep's schedule id, one per deployment like the retention one. */
export function cardExpiryScheduleId(taskQueue: string): string {
  return `card-expiry-sweep:${taskQueue}`;
}

/**
 * Creates the daily schedule that starts `pruneRetention` on the worker's task queue, unless it exists
 * already (another worker, or an earlier start, made it): safe for every worker to call at start. Overlaps
 * are skipped (a prune still going when the next day comes finishes first); a day missed while the cluster
 * was down is caught up once. The prune reads RETENTION_DAYS when it runs, so the schedule never goes stale.
 */
export function ensureRetentionSchedule(config: Pick<AppConfig, 'temporal'>): Promise<'created' | 'exists'> {
  return ensureDailySchedule(config, retentionScheduleId(config.temporal.taskQueue), 'pruneRetention');
}

/** The daily card-expiry sweep (`cardExpirySweep`), made and kept the same way as the retention schedule. */
export function ensureCardExpirySchedule(config: Pick<AppConfig, 'temporal'>): Promise<'created' | 'exists'> {
  return ensureDailySchedule(config, cardExpiryScheduleId(config.temporal.taskQueue), 'cardExpirySweep');
}

/** A daily schedule starting `workflowType` (id = the schedule's), unless it exists; overlaps skipped, a missed day caught up once. */
async function ensureDailySchedule(config: Pick<AppConfig, 'temporal'>, scheduleId: string, workflowType: keyof typeof workflows): Promise<'created' | 'exists'> {
  const { temporal } = config;
  const connection = await Connection.connect(temporalConnectionOptions(temporal, temporal.address!));
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 day' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: { type: 'startWorkflow', workflowType, taskQueue: temporal.taskQueue, workflowId: scheduleId, args: [] },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  } finally {
    await connection.close();
  }
}
