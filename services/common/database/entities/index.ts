import { AutomationVersion } from './automation-version.entity';
import { Automation } from './automation.entity';
import { BillingEventRecord } from './billing-event.entity';
import { EmailRecord } from './email.entity';
import { OutboxEntry } from './outbox-entry.entity';
import { RunStepRecord } from './run-step.entity';
import { RunRecord } from './run.entity';
import { RetryPolicyRecord } from './retry-policy.entity';
import { CardAttempt } from './card-attempt.entity';
import { SandboxCharge } from './sandbox-charge.entity';
import { SandboxCustomer } from './sandbox-customer.entity';
import { SandboxInvoice } from './sandbox-invoice.entity';
import { SandboxPaymentMethod } from './sandbox-payment-method.entity';
import { SandboxPrice } from './sandbox-price.entity';
import { SandboxProduct } from './sandbox-product.entity';
import { SandboxSubscription } from './sandbox-subscription.entity';
import { TeamMember } from './team-member.entity';
import { AuditEntry } from './audit-entry.entity';

export { Automation, AutomationVersion, BillingEventRecord, EmailRecord, OutboxEntry, RetryPolicyRecord, RunRecord, RunStepRecord };
export { CardAttempt, SandboxCharge, SandboxCustomer, SandboxInvoice, SandboxPaymentMethod, SandboxPrice, SandboxProduct, SandboxSubscription, TeamMember };
/** The provider-side tables (card caps, account users, the sandbox ledger). */
export const providerEntities = [CardAttempt, TeamMember, SandboxCustomer, SandboxPaymentMethod, SandboxProduct, SandboxPrice, SandboxSubscription, SandboxInvoice, SandboxCharge];

/** Every entity the data source knows. */
export const entities = [Automation, AutomationVersion, BillingEventRecord, OutboxEntry, RunRecord, RunStepRecord, EmailRecord, RetryPolicyRecord, AuditEntry, ...providerEntities];
