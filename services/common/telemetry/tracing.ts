import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

/** The tracer of this service's own spans (HTTP, dispatch, provider calls); a no-op until the SDK is started. */
export const tracer = () => trace.getTracer('dunning');

let enabled = false;

/** Whether tracing was started in this process (OTEL_* set, or a test's exporter). */
export function tracingEnabled(): boolean {
  return enabled;
}

/** Marks tracing on; called by the SDK start-up only. */
export function markTracingEnabled(): void {
  enabled = true;
}

/** Runs `fn` in a new active span that ends with it (errors recorded); only `fn` when tracing is off. */
export async function inSpan<T>(name: string, fn: (span?: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  if (!enabled) return fn();
  return tracer().startActiveSpan(name, { kind }, context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** `target` with each method wrapped in a client span `${prefix}.${method}` (outgoing provider calls). */
export function tracedPort<T extends object>(prefix: string, target: T): T {
  if (!enabled) return target;
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => inSpan(`${prefix}.${key}`, () => Promise.resolve(value.apply(obj, args)), SpanKind.CLIENT);
    },
  });
}
