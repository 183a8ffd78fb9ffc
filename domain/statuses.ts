/** Every status a run can have: `running`, then how it ended (see `RunOutcome`). */
export const RUN_STATUSES = ['running', 'recovered', 'completed', 'ended', 'canceled', 'skipped', 'failed'] as const;
/** A run's status, as the projection stores it and the admin API filters on it. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Whether an automation matches new events. */
export const AUTOMATION_STATUSES = ['enabled', 'disabled'] as const;
/** An automation's status. */
export type AutomationStatus = (typeof AUTOMATION_STATUSES)[number];

/** An email's delivery status: written `pending` before the provider is called. */
export const EMAIL_STATUSES = ['pending', 'sent', 'failed'] as const;
/** An email's delivery status. */
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
