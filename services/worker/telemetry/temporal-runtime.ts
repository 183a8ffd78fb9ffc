import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from '../../common/config/app.config';
import { PinoTemporalLogger, temporalLevel } from '../../common/logging/temporal-logger';

let sdkMetricsAddress: string | undefined;

/**
 * Installs Temporal's process-wide runtime (before any connection): its logger (core, worker, workflow and
 * activity logs) writes into pino at LOG_LEVEL, and its core metrics are served on `metricsBind` in Prometheus
 * format (counter `_total` and unit suffixes, seconds), which the worker's /metrics appends to its own.
 */
export function installTemporalRuntime(config: Pick<AppConfig, 'logLevel'>, logger: Logger, metricsBind?: string): Runtime {
  const level = temporalLevel(config.logLevel);
  const runtime = Runtime.install({
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level, other: level }), forward: {} },
      ...(metricsBind && {
        metrics: { prometheus: { bindAddress: metricsBind, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } },
      }),
    },
  });
  sdkMetricsAddress = metricsBind;
  return runtime;
}

/** Temporal's core metrics in the text format, or '' when the runtime serves none (or does not answer). */
export async function sdkMetricsText(): Promise<string> {
  if (!sdkMetricsAddress) return '';
  try {
    const res = await fetch(`http://${sdkMetricsAddress}/metrics`, { signal: AbortSignal.timeout(2_000) });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}
