import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one Prometheus registry of this process. Metrics are defined once per process (module level), so two
 * Nest applications in one process (the tests run a gateway and a worker side by side) share them instead of
 * registering the same name twice; each service's `/metrics` serves this registry.
 */
export const metricsRegistry = new Registry();

collectDefaultMetrics({ register: metricsRegistry });

/** The text exposition format's content type. */
export const METRICS_CONTENT_TYPE = metricsRegistry.contentType;
