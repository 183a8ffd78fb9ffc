import type { Resource } from '@opentelemetry/resources';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { AppConfig } from '../config/app.config';
import { markTracingEnabled } from './tracing';

let processor: SpanProcessor | undefined;
let started: NodeSDK | undefined;
let resource: Resource | undefined;

/**
 * Starts the OpenTelemetry SDK when tracing is configured (OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT; the SDK reads
 * the other standard OTEL_* variables itself), exporting spans over OTLP/HTTP. Off: nothing is started and every
 * span call stays a no-op. Tests pass their own processor (an in-memory exporter). Call before the app is created.
 */
export function startTracing(config: Pick<AppConfig, 'tracing'>, service: string, spanProcessor?: SpanProcessor): NodeSDK | undefined {
  if (!config.tracing.enabled && !spanProcessor) return undefined;
  // Loaded only when tracing is on: with OTEL_* unset the SDK is neither started nor loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  /* eslint-enable @typescript-eslint/no-require-imports */
  processor = spanProcessor ?? new BatchSpanProcessor({ exporter: new OTLPTraceExporter() });
  resource = resourceFromAttributes({ 'service.name': config.tracing.serviceName ?? service });
  const sdk = new NodeSDK({ resource, spanProcessors: [processor], instrumentations: [] });
  sdk.start();
  started = sdk;
  markTracingEnabled();
  return sdk;
}

/** Flushes and stops the SDK (on shutdown: the batch in memory is exported first); nothing when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  await started?.shutdown().catch(() => undefined);
  started = undefined;
}

/** Where the worker sends workflow spans (they are made inside the workflow sandbox and handed out by a sink). */
export function workflowSpanTarget(): { processor: SpanProcessor; resource: Resource } | undefined {
  return processor && resource ? { processor: asV2SpanProcessor(processor), resource } : undefined;
}

/**
 * Temporal's workflow interceptors build spans with the 1.x SDK (`parentSpanId`, `instrumentationLibrary`); the
 * 2.x+ processors and the OTLP exporter read `parentSpanContext` and `instrumentationScope`. Translated here so
 * workflow spans keep their parent.
 */
function asV2SpanProcessor(target: SpanProcessor): SpanProcessor {
  return {
    onStart: () => undefined,
    forceFlush: () => target.forceFlush(),
    shutdown: () => Promise.resolve(),
    onEnd(span: ReadableSpan) {
      const v1 = span as ReadableSpan & { parentSpanId?: string; instrumentationLibrary?: ReadableSpan['instrumentationScope'] };
      const context = span.spanContext();
      const translated = Object.assign(Object.create(null) as object, span, {
        spanContext: () => context,
        parentSpanContext: span.parentSpanContext ?? (v1.parentSpanId ? { traceId: context.traceId, spanId: v1.parentSpanId, traceFlags: context.traceFlags } : undefined),
        instrumentationScope: span.instrumentationScope ?? v1.instrumentationLibrary ?? { name: '@temporalio/interceptors-opentelemetry' },
      }) as ReadableSpan;
      target.onEnd(translated);
    },
  };
}
