import { log, proxyActivities } from '@temporalio/workflow';
import type { CardExpiryActivities } from '../activities/card-expiry.activities';

const { sweepExpiringCards } = proxyActivities<CardExpiryActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

/** Started daily by the card-expiry schedule: raises a `payment_method_expiring` event for each card due a reminder. */
export async function cardExpirySweep(): Promise<{ due: number; raised: number }> {
  const result = await sweepExpiringCards();
  log.info('Card expiry sweep done', result);
  return result;
}
