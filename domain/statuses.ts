/** Every status a run can have: `running`, then how it ended (see `RunOutcome`). */
export const RUN_STATUSES = ['running', 'recovered', 'completed', 'ended', 'canceled', 'skipped', 'failed'] as const;
/** A run's status, as the projection stores it and the admin API filters on it. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Whether an automation matches new events. */
export const AUTOMATION_STATUSES = ['enabled', 'disabled'] as const;
/** An automation's status. */
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];

/**
 * An email's delivery status: written `pending`, `sending` once an attempt has claimed it (committed before the
 * provider is called), then `sent`, `failed` (the provider refused it; a retry may claim it again) or `unknown`
 * (the request left but no answer came back: it may have been delivered, so nothing resends it automatically).
 */
export const EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown'] as const;
/** An email's delivery status. */
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
