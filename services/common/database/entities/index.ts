import { AutomationVersionEntity } from './automation-version.entity';
import { AutomationEntity } from './automation.entity';
import { BillingEventEntity } from './billing-event.entity';
import { EmailEntity } from './email.entity';
import { EmailTemplateEntity } from './email-template.entity';
import { OutboxEntryEntity } from './outbox-entry.entity';
import { RunStepEntity } from './run-step.entity';
import { RunEntity } from './run.entity';
import { RetryPolicyEntity } from './retry-policy.entity';
import { CardAttemptEntity } from './card-attempt.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { SandboxChargeEntity } from './sandbox-charge.entity';
import { SandboxCustomerEntity } from './sandbox-customer.entity';
import { SandboxInvoiceEntity } from './sandbox-invoice.entity';
import { SandboxPaymentMethodEntity } from './sandbox-payment-method.entity';
import { SandboxPriceEntity } from './sandbox-price.entity';
import { SandboxProductEntity } from './sandbox-product.entity';
import { SandboxSubscriptionEntity } from './sandbox-subscription.entity';
import { TeamMemberEntity } from './team-member.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

export { WebhookDeliveryEntity, WebhookEndpointEntity };
export { AutomationEntity, AutomationVersionEntity, BillingEventEntity, EmailEntity, EmailTemplateEntity, OutboxEntryEntity, RetryPolicyEntity, RunEntity, RunStepEntity };
export { CardAttemptEntity, SandboxChargeEntity, SandboxCustomerEntity, SandboxInvoiceEntity, SandboxPaymentMethodEntity, SandboxPriceEntity, SandboxProductEntity, SandboxSubscriptionEntity, TeamMemberEntity };
/** The provider-side tables (card caps, account users, the sandbox ledger). */
export const providerEntities = [CardAttemptEntity, TeamMemberEntity, SandboxCustomerEntity, SandboxPaymentMethodEntity, SandboxProductEntity, SandboxPriceEntity, SandboxSubscriptionEntity, SandboxInvoiceEntity, SandboxChargeEntity];

/** Every entity the data source knows. */
export const entities = [AutomationEntity, AutomationVersionEntity, BillingEventEntity, OutboxEntryEntity, RunEntity, RunStepEntity, EmailEntity, EmailTemplateEntity, RetryPolicyEntity, AuditEntryEntity, WebhookEndpointEntity, WebhookDeliveryEntity,
  ...providerEntities];
