import { proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { DEFAULT_ACTIVITY_RETRY_BOUNDS, type ActivityRetryBounds, type RetryBound } from '../domain/activity-retry';

/**
 * Activity stubs. Transient faults are retried with backoff up to the activity kind's bound (attempts and
 * total time, domain/activity-retry.ts); then the step fails and its failure behaviour applies. Hopeless
 * faults come back at once as non-retryable ApplicationFailures from the activities.
 */
function options({ maxAttempts, maxElapsedMs }: RetryBound): ActivityOptions {
  return {
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: maxElapsedMs,
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: maxAttempts },
  };
}

/**
 * The activities of a run, each kind with its retry bound (the run's own, else the defaults). `localRecords`:
 * the projection records run as local activities (a marker in the history instead of an activity and a
 * workflow task); the record is keyed, so a local activity run again after a lost workflow task writes nothing twice.
 */
export function runActivities(bounds: ActivityRetryBounds = DEFAULT_ACTIVITY_RETRY_BOUNDS, { localRecords = false } = {}): Activities {
  const billing = proxyActivities<Activities>(options(bounds.billing));
  const email = proxyActivities<Activities>(options(bounds.email));
  const webhook = proxyActivities<Activities>(options(bounds.webhook));
  const records = localRecords ? proxyLocalActivities<Activities>(options(bounds.records) as LocalActivityOptions) : proxyActivities<Activities>(options(bounds.records));
  return {
    chargeInvoice: billing.chargeInvoice,
    cancelSubscription: billing.cancelSubscription,
    markSubscriptionUnpaid: billing.markSubscriptionUnpaid,
    markInvoiceUncollectible: billing.markInvoiceUncollectible,
    sendTeamEmail: email.sendTeamEmail,
    sendCustomerEmail: email.sendCustomerEmail,
    emitWebhook: webhook.emitWebhook,
    recordRun: records.recordRun,
    raiseDerivedEvent: records.raiseDerivedEvent,
  };
}

/** Stubs with the default bounds, for workflows whose input carries none. */
export const acts = runActivities();
