import type { DeclineClass } from './decline-classifier';

/**
 * Why a retry is planned at its time, as data: the run's live state, the runs API, GraphQL, the preview
 * timeline, the timeline CLI and the Temporal UI details all show the same reason.
 *  - `scheduled`: slot k of N of the policy (window W days for smart policies), the decline class and the
 *    rule that decided it, the network's advice-code wait, and the smart schedule's adjustments;
 *  - `card_update`: a prompt retry after the customer changed the payment method (outside the policy);
 *  - `backup_payment_method`: right after a soft decline on the default, another payment method of the customer;
 *  - `cap_deferral`: a per-card budget refused the attempt; it is retried when the rule frees a slot;
 *  - `awaiting_new_card_details`: the decline forbids retrying this card; the run waits for new details.
 */
export type RetryReason =
  | {
      kind: 'scheduled';
      slot: number;
      of: number;
      /** Smart policies: the window W the N retries fit in. */
      windowDays?: number;
      declineClass: DeclineClass['kind'];
      rule: string;
      adviceCode?: string;
      adviceWaitHours?: number;
      paydayAligned: boolean;
      localDaytime: boolean;
      reslotted: boolean;
    }
  | { kind: 'card_update' }
  | { kind: 'backup_payment_method'; paymentMethodId: string }
  | { kind: 'cap_deferral'; rule: string; slot: number; of: number }
  | { kind: 'awaiting_new_card_details'; declineClass: DeclineClass['kind']; rule: string };

/** One line of text for a reason (timeline CLI, Temporal UI details). */
export function describeRetryReason(r: RetryReason): string {
  switch (r.kind) {
    case 'card_update': return 'prompt retry after a payment method change';
    case 'backup_payment_method': return `backup payment method ${r.paymentMethodId} after a soft decline on the default`;
    case 'cap_deferral': return `deferred by the card budget ${r.rule} (slot ${r.slot} of ${r.of})`;
    case 'awaiting_new_card_details': return `${r.declineClass.replaceAll('_', ' ')} (${r.rule}): no retry until the card details change`;
    case 'scheduled': {
      const parts = [`slot ${r.slot} of ${r.of}${r.windowDays !== undefined ? ` in ${r.windowDays} days` : ''}`, `${r.declineClass.replaceAll('_', ' ')} (${r.rule})`];
      if (r.adviceWaitHours !== undefined) parts.push(`advice code ${r.adviceCode ?? '?'}: wait ≥ ${r.adviceWaitHours} h`);
      if (r.paydayAligned) parts.push('aligned to a likely payday');
      if (r.reslotted) parts.push('re-slotted over the rest of the window');
      return parts.join('; ');
    }
  }
}
