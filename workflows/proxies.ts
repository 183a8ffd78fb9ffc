import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Activity stubs. Transient faults are retried with backoff without limit (a provider outage must not
 * lose a dunning run); hopeless ones come back as non-retryable ApplicationFailures from the activities.
 */
export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
