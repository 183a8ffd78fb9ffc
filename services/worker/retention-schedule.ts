import { Client, Connection, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { AppConfig } from '../common/config/app.config';
import { temporalConnectionOptions } from '../common/temporal/connection-options';
import type * as workflows from '../../workflows';

/** The schedule's id: one per namespace and task queue (one deployment), whatever the number of workers. */
export function retentionScheduleId(taskQueue: string): string {
  return `retention-prune:${taskQueue}`;
}

/**
 * Creates the daily schedule that starts `pruneRetention` on the worker's task queue, unless it exists
 * already (another worker, or an earlier start, made it): safe for every worker to call at start. Overlaps
 * are skipped (a prune still going when the next day comes finishes first); a day missed while the cluster
 * was down is caught up once. The prune reads RETENTION_DAYS when it runs, so the schedule never goes stale.
 */
export async function ensureRetentionSchedule(config: Pick<AppConfig, 'temporal'>): Promise<'created' | 'exists'> {
  const { temporal } = config;
  const connection = await Connection.connect(temporalConnectionOptions(temporal, temporal.address!));
  try {
    const client = new Client({ connection, namespace: temporal.namespace });
    const scheduleId = retentionScheduleId(temporal.taskQueue);
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 day' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      action: { type: 'startWorkflow', workflowType: 'pruneRetention' satisfies keyof typeof workflows, taskQueue: temporal.taskQueue, workflowId: scheduleId, args: [] },
    });
    return 'created';
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return 'exists';
    throw error;
  } finally {
    await connection.close();
  }
}
