import { Context } from '@temporalio/activity';
import { tsToMs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Activities, ChargeResult } from '../activities';

/** One activity call as the worker saw it, stamped with the simulated time it ran at. */
export interface ActivityCall {
  name: keyof Activities;
  input: any; // tests read fields per activity
  /** Epoch ms on the time-skipping server's clock when the activity ran. */
  simulatedAt: number;
}

export type FakeActivities = { activities: Activities; calls: ActivityCall[]; callsOf: (name: keyof Activities) => ActivityCall[] };

const declined: ChargeResult = { status: 'failed', declineCode: 'insufficient_funds', cardBrand: 'visa', invoiceStatus: 'open' };

/** Plain (unrecorded) fakes: every charge declines with `insufficient_funds`, every other effect succeeds. */
export const defaultActivities: Activities = {
  chargeInvoice: async () => declined,
  cancelSubscription: async () => ({ status: 'canceled' }),
  markSubscriptionUnpaid: async () => ({ status: 'unpaid' }),
  markInvoiceUncollectible: async () => ({ status: 'uncollectible' }),
  sendTeamEmail: async (i) => ({ messageId: `msg:${i.idempotencyKey}`, to: i.to }),
  sendCustomerEmail: async (i) => ({ messageId: `msg:${i.idempotencyKey}`, to: ['jane@customer.test'] }),
  recordRun: async () => undefined,
  raiseDerivedEvent: async () => ({ accepted: true }),
  emitWebhook: async () => ({ status: 200 }),
};

/**
 * Fakes over the defaults (every charge declines with `insufficient_funds`) that log each call with the
 * simulated time, so tests assert exact calls and their dates. No Jest global: the bench uses them too.
 */
export function fakeActivities(env: TestWorkflowEnvironment, overrides: Partial<Activities> = {}): FakeActivities {
  const calls: ActivityCall[] = [];
  const now = serverClock(env);
  const impl = { ...defaultActivities, ...overrides };
  const activities = Object.fromEntries(
    Object.entries(impl).map(([name, fn]) => [
      name,
      async (input: unknown) => {
        calls.push({ name: name as keyof Activities, input, simulatedAt: await now() });
        return (fn as (i: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as unknown as Activities;
  return { activities, calls, callsOf: (name) => calls.filter((c) => c.name === name) };
}

/**
 * The time-skipping server's clock when an activity runs, without `env.currentTimeMs()` (a call of `env.connection`'s
 * Node gRPC client: about 1 ms of the worker's CPU, 24 times in a recipe-1 run). An activity's attempt was scheduled
 * on that clock, which does not skip while the attempt is outstanding; a local activity's times are the worker's
 * own, so the clock is read through the worker's native connection (the Rust client). Any other env: its clock.
 */
function serverClock(env: TestWorkflowEnvironment): () => Promise<number> {
  const testService = (env as Partial<TestWorkflowEnvironment>).nativeConnection?.testService;
  if (!testService) return () => env.currentTimeMs();
  return async () => {
    const { isLocal, currentAttemptScheduledTimestampMs } = Context.current().info;
    return isLocal ? tsToMs((await testService.getCurrentTime({})).time) : currentAttemptScheduledTimestampMs;
  };
}

/** Charge results in order (the last one repeats). */
export function chargeSequence(...results: ChargeResult[]): Activities['chargeInvoice'] {
  let i = 0;
  return async () => results[Math.min(i++, results.length - 1)];
}

/** A declined charge with a code. */
export const decline = (declineCode: string): ChargeResult => ({ status: 'failed', declineCode, cardBrand: 'visa', invoiceStatus: 'open' });
/** A successful charge. */
export const success: ChargeResult = { status: 'succeeded', cardBrand: 'visa', invoiceStatus: 'paid' };
