import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, Next } from '@temporalio/worker';
import type { ChargeResult, CustomerEmailInput, EmailResult } from '../../../activities';
import { RunFailureType } from '../../../activities/errors';
import { isFundsDecline, isHardDecline } from '../../../domain/decline-codes';
import { charges, emails, networkDeferrals, outboundDeliveries } from '../../common/metrics/dunning-metrics';

/** A decline code's class for the charge counter: hard (never retry), funds (retry on payday), soft, or none. */
export function declineClass(declineCode: string | undefined): 'hard' | 'funds' | 'soft' | 'none' {
  if (!declineCode) return 'none';
  return isHardDecline(declineCode) ? 'hard' : isFundsDecline(declineCode) ? 'funds' : 'soft';
}

type Observer = (args: unknown[], outcome: { result?: unknown; error?: unknown }) => void;

/** What each activity's result says, turned into counters; activities themselves stay free of metrics. */
const OBSERVERS: Record<string, Observer> = {
  chargeInvoice: (_args, { result }) => {
    const charge = result as ChargeResult | undefined;
    if (!charge) return; // an error is retried: the retry's result is counted
    if (charge.status === 'deferred') networkDeferrals.inc({ card_brand: charge.cardBrand ?? 'unknown' });
    const decline = charge.status === 'failed' ? declineClass(charge.declineCode) : 'none';
    charges.inc({ result: charge.status, decline_class: decline });
  },
  sendCustomerEmail: (args, { result }) => {
    emails.inc({ template: (args[0] as CustomerEmailInput).template, status: sentOrFailed(result as EmailResult | undefined) });
  },
  sendTeamEmail: (_args, { result }) => {
    emails.inc({ template: 'team_memo', status: sentOrFailed(result as EmailResult | undefined) });
  },
  emitWebhook: (_args, { error }) => {
    const rejected = error instanceof ApplicationFailure && error.type === RunFailureType.WebhookRejected;
    outboundDeliveries.inc({ result: error === undefined ? 'delivered' : rejected ? 'rejected' : 'failed' });
  },
};

function sentOrFailed(result: EmailResult | undefined): 'sent' | 'failed' {
  return result ? 'sent' : 'failed';
}

class ActivityMetricsInterceptor implements ActivityInboundCallsInterceptor {
  constructor(private readonly observe: Observer) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      const result = await next(input);
      this.observe(input.args, { result });
      return result;
    } catch (error) {
      this.observe(input.args, { error });
      throw error;
    }
  }
}

/** The worker's activity interceptor that counts charges, deferrals, emails and outgoing deliveries. */
export const activityMetricsInterceptor: ActivityInterceptorsFactory = (ctx) => {
  const observe = OBSERVERS[ctx.info.activityType];
  return observe ? { inbound: new ActivityMetricsInterceptor(observe) } : {};
};
