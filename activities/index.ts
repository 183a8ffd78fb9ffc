import { createBillingActivities } from './billing.activities';
import type { ActivityDeps } from './deps';
import { createEmailActivities } from './email.activities';
import { createRecordActivities } from './records.activities';

/** All activities the workflows call, bound to their ports. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createBillingActivities(deps),
  ...createEmailActivities(deps),
  ...createRecordActivities(deps),
});

/** The activity interface workflows proxy (`import type` only). */
export type Activities = ReturnType<typeof createActivities>;

export type { ActivityDeps, CardAttemptLedger, DerivedEvent, DerivedEvents, Mailer, RunRecord, RunRecorder, WebhookEmitter } from './deps';
export type { ChargeInput, ChargeResult, MutationInput } from './billing.activities';
export type { CustomerEmailInput, EmailResult, TeamEmailInput } from './email.activities';
export type { WebhookInput } from './records.activities';
export { RunFailureType } from './errors';
