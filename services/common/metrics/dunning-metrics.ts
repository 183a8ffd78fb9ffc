import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry';

/*
 * The application's metrics, named and labelled by Prometheus conventions (`_total` counters, base units,
 * bounded labels). docs/observability.md describes each one; the dashboard and alert rules name only these.
 */
const registers = [metricsRegistry];

/** HTTP requests answered, by method, route template and status. */
export const httpRequests = new Counter({
  name: 'http_requests_total', help: 'HTTP requests answered, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const, registers,
});

/** HTTP latency by method and route template. */
export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds', help: 'HTTP request latency, by method and route template',
  labelNames: ['method', 'route'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers,
});

/** Billing events stored (not redeliveries), by provider and provider event type. */
export const eventsAccepted = new Counter({
  name: 'dunning_events_accepted_total', help: 'Billing events durably stored (redeliveries excluded), by provider and type',
  labelNames: ['provider', 'type'] as const, registers,
});

/** Redeliveries acknowledged without a second row. */
export const eventsDuplicate = new Counter({
  name: 'dunning_events_duplicate_total', help: 'Billing event redeliveries acknowledged without storing again, by provider',
  labelNames: ['provider'] as const, registers,
});

/** Ingestion requests refused, by provider and reason. */
export const eventsRejected = new Counter({
  name: 'dunning_events_rejected_total', help: 'Billing events refused at ingestion, by provider and reason',
  labelNames: ['provider', 'reason'] as const, registers,
});

/** Outbox rows waiting (collected on scrape). */
export const outboxDepth = new Gauge({
  name: 'dunning_outbox_depth', help: 'Events stored but not yet dispatched (outbox rows)', registers,
});

/** Age of the oldest outbox row (collected on scrape). */
export const outboxOldestAge = new Gauge({
  name: 'dunning_outbox_oldest_age_seconds', help: 'Age of the oldest outbox row, 0 when the outbox is empty', registers,
});

/** Time from an event's arrival to the end of its dispatch. */
export const dispatchLag = new Histogram({
  name: 'dunning_dispatch_lag_seconds', help: 'Seconds from storing an event to the end of its dispatch',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900], registers,
});

/** Dispatch outcomes: dispatched, ignored, failed (for good), retry. */
export const dispatchOutcomes = new Counter({
  name: 'dunning_dispatch_total', help: 'Outbox dispatches by outcome (dispatched, ignored, failed, retry)',
  labelNames: ['outcome'] as const, registers,
});

/** Run workflows started by the dispatcher (a new execution), by automation. */
export const runsStarted = new Counter({
  name: 'dunning_runs_started_total', help: 'Automation runs started (a new workflow execution), by automation',
  labelNames: ['automation'] as const, registers,
});

/** Runs that ended (first outcome recorded), by automation and outcome. */
export const runsEnded = new Counter({
  name: 'dunning_runs_ended_total', help: 'Automation runs ended, by automation and outcome',
  labelNames: ['automation', 'outcome'] as const, registers,
});

/** Runs in each state of the projection (collected on scrape). */
export const runsByState = new Gauge({
  name: 'dunning_runs', help: 'Runs in the projection, by state', labelNames: ['state'] as const, registers,
});

/** Charge attempts by result and decline class. */
export const charges = new Counter({
  name: 'dunning_charges_total', help: 'Charge attempts made by runs, by result and decline class',
  labelNames: ['result', 'decline_class'] as const, registers,
});

/** Charges the card network cap deferred before they reached the provider. */
export const networkDeferrals = new Counter({
  name: 'dunning_network_deferrals_total', help: 'Charges deferred by the card-network retry cap, by card brand',
  labelNames: ['card_brand'] as const, registers,
});

/** Emails by template and status. */
export const emails = new Counter({
  name: 'dunning_emails_total', help: 'Emails sent by runs, by template and status (sent, failed)',
  labelNames: ['template', 'status'] as const, registers,
});

/** Money recovered by runs, in minor units of each currency. */
export const recoveredAmount = new Counter({
  name: 'dunning_recovered_amount_total', help: 'Amount recovered by runs that ended recovered, in minor units, by currency',
  labelNames: ['currency'] as const, registers,
});

/** Outgoing webhook deliveries by result. */
export const outboundDeliveries = new Counter({
  name: 'dunning_outbound_deliveries_total', help: 'Outgoing webhook deliveries, by result (delivered, rejected, failed)',
  labelNames: ['result'] as const, registers,
});

/** Names of every application metric above (for the dashboard and alert checks). */
export const APPLICATION_METRICS = [
  httpRequests, httpDuration, eventsAccepted, eventsDuplicate, eventsRejected, outboxDepth, outboxOldestAge, dispatchLag,
  dispatchOutcomes, runsStarted, runsEnded, runsByState, charges, networkDeferrals, emails, recoveredAmount, outboundDeliveries,
].map((metric) => (metric as unknown as { name: string }).name);
