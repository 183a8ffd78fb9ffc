import type { WorkerOptions } from '@temporalio/worker';
import * as path from 'node:path';
import { workflowSpanTarget } from '../../common/telemetry/otel-sdk';
import { activityMetricsInterceptor } from './activity-metrics.interceptor';
import { requestIdActivityInterceptor } from './request-id.activity-interceptor';

/**
 * The worker's interceptors and sinks: request ids in workflow and activity logs, activity metrics, and, when
 * tracing is on, Temporal's OpenTelemetry interceptors (workflow spans leave the sandbox through the `exporter` sink).
 */
export function workerTelemetryOptions(): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  const workflowModules = [require.resolve(path.join(__dirname, 'request-id.workflow-interceptors'))];
  const activity: NonNullable<NonNullable<WorkerOptions['interceptors']>['activity']> = [requestIdActivityInterceptor, activityMetricsInterceptor];
  const target = workflowSpanTarget();
  if (!target) return { interceptors: { workflowModules, activity } };
  // Loaded only when tracing is on (it pulls in the OpenTelemetry trace SDK), as otel-sdk.ts loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const otel = require('@temporalio/interceptors-opentelemetry') as typeof import('@temporalio/interceptors-opentelemetry');
  const { makeWorkflowExporter, OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor } = otel;
  return {
    interceptors: {
      workflowModules: [...workflowModules, require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
      activity: [
        (ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) }),
        ...activity,
      ],
    },
    // The interceptors package types the 1.x SDK; the processor takes its spans (translated in workflowSpanTarget).
    sinks: { exporter: makeWorkflowExporter(target.processor as never, target.resource as never) },
  };
}
