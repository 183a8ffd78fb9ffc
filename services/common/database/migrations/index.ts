import { InitialSchema1764070000000 } from './1764070000000-initial-schema';
import { ProvidersSandboxLedger1764200000000 } from './1764200000000-providers-sandbox-ledger';
import { RetryPolicies1764300000000 } from './1764300000000-retry-policies';
import { AuthorshipAndRetention1764400000000 } from './1764400000000-authorship-and-retention';
import { OutboxRequestContext1764583200000 } from './1764583200000-outbox-request-context';
import { CardAttemptLog1764410000000 } from './1764410000000-card-attempt-log';
import { EmailSendAttempts1764598500000 } from './1764598500000-email-send-attempts';
import { RecoveryAttribution1764610000000 } from './1764610000000-recovery-attribution';
import { RetentionIndexes1796134548000 } from './1796134548000-retention-indexes';
import { RunLifecycle1796140000000 } from './1796140000000-run-lifecycle';
import { WebhookEndpoints1796150000000 } from './1796150000000-webhook-endpoints';
import { SandboxCardExpiry1796151000000 } from './1796151000000-sandbox-card-expiry';
import { EmailTemplates1796152000000 } from './1796152000000-email-templates';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations = [InitialSchema1764070000000, ProvidersSandboxLedger1764200000000, RetryPolicies1764300000000, AuthorshipAndRetention1764400000000, CardAttemptLog1764410000000, OutboxRequestContext1764583200000,
  EmailSendAttempts1764598500000, RecoveryAttribution1764610000000, RetentionIndexes1796134548000, RunLifecycle1796140000000,
  WebhookEndpoints1796150000000, SandboxCardExpiry1796151000000, EmailTemplates1796152000000];
