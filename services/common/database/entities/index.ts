import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { BillingEventRecord } from './billing-event.entity';
import { EmailRecord } from './email.entity';
import { OutboxEntry } from './outbox-entry.entity';
import { RunStepRecord } from './run-step.entity';
import { RunRecord } from './run.entity';

export { Automation, AutomationVersion, BillingEventRecord, EmailRecord, OutboxEntry, RunRecord, RunStepRecord };

/** Every entity the data source knows. */
export const entities = [Automation, AutomationVersion, BillingEventRecord, OutboxEntry, RunRecord, RunStepRecord, EmailRecord];
