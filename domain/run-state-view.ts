import { describeRetryReason, type RetryReason } from './card-network/retry-reason';
import { isoDate } from './format';
import type { AttemptRecord, EmailRecord, RunOutcome, RunState } from './run';

/**
 * The run's live state as the admin API shows it (`GET /v1/runs/{id}` `live`, GraphQL `RunDetail.live`):
 * the `state` query with every time as an ISO-8601 string (the workflow clock is epoch ms, fractional on
 * scaled days) and each planned retry's reason also as one line of text.
 */
type Iso<T, K extends keyof T, O extends keyof T = never> = Omit<T, K | O> & { [P in K]: string } & { [P in O]?: string };

export type RunStateView = Omit<RunState, 'nextAction' | 'attempts' | 'emails' | 'retry' | 'ending' | 'outcome'> & {
  nextAction?: { description: string; at: string; reason?: RetryReason; why?: string };
  attempts: (Iso<AttemptRecord, 'at', 'deferredUntil'> & { why?: string })[];
  emails: Iso<EmailRecord, 'at'>[];
  retry?: Iso<NonNullable<RunState['retry']>, 'firstFailedAt' | 'lastAttemptAt'>;
  ending?: Iso<Omit<RunOutcome, 'stepIndex'>, 'at'>;
  outcome?: Iso<RunOutcome, 'at'>;
};

const why = (reason: RetryReason | undefined) => (reason ? { why: describeRetryReason(reason) } : {});

/** The API view of a run's live state. */
export function runStateView(state: RunState): RunStateView {
  const { nextAction, attempts, emails, retry, ending, outcome, ...rest } = state;
  return {
    ...rest,
    ...(nextAction && { nextAction: { ...nextAction, at: isoDate(nextAction.at), ...why(nextAction.reason) } }),
    attempts: attempts.map(({ deferredUntil, ...a }) => ({ ...a, at: isoDate(a.at), ...(deferredUntil !== undefined && { deferredUntil: isoDate(deferredUntil) }), ...why(a.reason) })),
    emails: emails.map((e) => ({ ...e, at: isoDate(e.at) })),
    ...(retry && { retry: { ...retry, firstFailedAt: isoDate(retry.firstFailedAt), lastAttemptAt: isoDate(retry.lastAttemptAt) } }),
    ...(ending && { ending: { ...ending, at: isoDate(ending.at) } }),
    ...(outcome && { outcome: { ...outcome, at: isoDate(outcome.at) } }),
  };
}
