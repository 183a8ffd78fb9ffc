import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities/deps';
import { SendGridEmailProvider } from '../../providers/email/sendgrid/sendgrid-email.provider';
import { StripeBillingProvider } from '../../providers/billing/stripe/stripe-billing.provider';
import { BILLING_PROVIDER, RAW_BILLING_PROVIDER } from '../../providers/billing/billing-provider.module';
import { SandboxBillingProvider } from '../../providers/billing/sandbox/sandbox-billing.provider';
import { AppConfigModule } from '../../services/common/config/config.module';
import { DatabaseModule } from '../../services/common/database/database.module';
import { TeamMemberEntity } from '../../services/common/database/entities';
import { OutboxEmailProvider } from '../../providers/email/outbox/outbox-email.provider';
import { EMAIL_PROVIDER } from '../../providers/email/email-provider.module';
import { ACTIVITY_DEPS, ActivityDepsModule } from '../../services/worker/activity-deps.module';

async function build(env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, DatabaseModule, ActivityDepsModule] }).compile();
    await moduleRef.init();
    return moduleRef;
  } finally {
    process.env = saved;
  }
}

describe('ActivityDepsModule', () => {
  it('wires the sandbox and outbox defaults, and reads the team email policy from config and team_members', async () => {
    const moduleRef = await build({ TEAM_EMAIL_DOMAIN: 'Acme.test' });
    try {
      const deps = moduleRef.get<ActivityDeps>(ACTIVITY_DEPS);
      // The configured provider, behind the access monitor and the event-facts fallback for reads.
      expect(deps.billing.name).toBe('sandbox');
      expect(moduleRef.get(BILLING_PROVIDER).name).toBe('sandbox');
      expect(moduleRef.get(RAW_BILLING_PROVIDER)).toBeInstanceOf(SandboxBillingProvider);
      expect(moduleRef.get(EMAIL_PROVIDER)).toBeInstanceOf(OutboxEmailProvider);
      await moduleRef.get(DataSource).manager.upsert(TeamMemberEntity, { email: 'cfo@partner.test', name: 'CFO' }, ['email']);
      const policy = await deps.teamEmailPolicy();
      expect(policy.companyDomains).toEqual(['acme.test']);
      expect(policy.accountUserEmails).toContain('cfo@partner.test');
    } finally {
      await moduleRef.close();
    }
  });

  it('wires Stripe and SendGrid when configured', async () => {
    const moduleRef = await build({ BILLING_PROVIDER: 'stripe', STRIPE_API_KEY: 'sk_test_123', EMAIL_PROVIDER: 'sendgrid', SENDGRID_API_KEY: 'SG.test' });
    try {
      expect(moduleRef.get<ActivityDeps>(ACTIVITY_DEPS).billing.name).toBe('stripe');
      expect(moduleRef.get(RAW_BILLING_PROVIDER)).toBeInstanceOf(StripeBillingProvider);
      expect(moduleRef.get(EMAIL_PROVIDER)).toBeInstanceOf(SendGridEmailProvider);
    } finally {
      await moduleRef.close();
    }
  });
});
