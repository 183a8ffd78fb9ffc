/**
 * Why a run step failed for good: the `type` of the non-retryable Temporal failure an activity (or the
 * workflow itself) ends a step with. Stable, because it appears in histories and the run projection.
 */
export const RunFailureType = {
  /** A team email names a recipient outside the company domains and the account's users. */
  TeamRecipientNotAllowed: 'TeamRecipientNotAllowed',
  CustomerHasNoEmail: 'CustomerHasNoEmail',
  /** The email template cannot be rendered with the run's facts; rendering again fails the same way. */
  TemplateError: 'TemplateError',
  /** The billing provider refused the call for good (the provider's own code is in the failure details). */
  BillingRejected: 'BillingRejected',
  /** The email provider refused the message for good. */
  EmailRejected: 'EmailRejected',
  /** The step acts on an invoice or subscription the run does not have. */
  MissingSubject: 'MissingSubject',
  /** The webhook receiver refused the delivery (a 4xx other than 408/429, a redirect) or the URL is not http(s). */
  WebhookRejected: 'WebhookRejected',
  /** A step's activity kept failing until its retry bound (attempts or total time) ran out. */
  StepRetriesExhausted: 'StepRetriesExhausted',
  /** The run ended `failed` (the outcome's reason says why): the type of its failed workflow when no step type applies. */
  RunFailed: 'RunFailed',
} as const;

/** One of the run failure codes. */
export type RunFailureType = (typeof RunFailureType)[keyof typeof RunFailureType];
