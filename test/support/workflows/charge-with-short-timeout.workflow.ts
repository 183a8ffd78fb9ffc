import { proxyActivities } from '@temporalio/workflow';
import type { Activities, ChargeInput, ChargeResult } from '../../../activities';

// The production proxies allow a minute per attempt; a test of "retried after a timeout" needs a short one.
const { chargeInvoice } = proxyActivities<Activities>({
  startToCloseTimeout: '2 seconds',
  retry: { initialInterval: '100 milliseconds', maximumAttempts: 5 },
});

/** Test-only workflow: one `chargeInvoice` (the real activity) under a 2-second start-to-close timeout. */
export async function chargeWithShortTimeout(input: ChargeInput): Promise<ChargeResult> {
  return chargeInvoice(input);
}
