import { DataSource } from 'typeorm';
import { testMailerOptions } from '../../testkit/test-mailer';
import { EmailProviderError, type EmailProvider, type OutgoingEmail } from '../../providers/email/email-provider';
import type { TemplateContext } from '../../domain/email-templates';
import { dataSourceOptions } from '../../services/common/database/data-source-options';
import { EmailEntity } from '../../services/common/database/entities';
import { OutboxEmailProvider } from '../../providers/email/outbox/outbox-email.provider';
import { PostgresMailer } from '../../services/worker/adapters/postgres-mailer';
import { EmailErrorType } from '../../providers/email/email-errors';
import { TemplateError } from '../../activities/email/template-error';
import { EmailNotResendable, EmailOutbox } from '../../providers/email/outbox/email-outbox';

const context: TemplateContext = {
  automation: { id: 'a1', name: 'Dunning', version: 1 },
  customer: { id: 'cus_1', name: 'Ada', email: 'ada@customer.test' },
  invoice: { id: 'in_1', number: 'INV-7', amount_due: '$12.00', amount_remaining: '$12.00', currency: 'USD', hosted_invoice_url: 'https://pay.test/in_1' },
  today: 'Jan 2, 2026',
};

/** An email provider that records what it was asked to send and can be told to fail first. */
function recordingProvider(failures: Error[] = [], idempotent = false): EmailProvider & { sent: OutgoingEmail[]; calls: number } {
  const outbox = new OutboxEmailProvider();
  const provider = {
    // Like SendGrid unless told otherwise: a repeated request would be a second email.
    name: 'outbox' as const, idempotent, maxSendMs: 1_000, sent: [] as OutgoingEmail[], calls: 0,
    async send(email: OutgoingEmail) {
      provider.calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      provider.sent.push(email);
      return outbox.send(email);
    },
  };
  return provider;
}

describe('PostgresMailer', () => {
  let dataSource: DataSource;
  const message = (key: string) => ({
    idempotencyKey: key, template: 'payment_failed' as const, to: ['ada@customer.test'], context,
    tags: { workflowId: 'run:a1:invoice:in_1', step: '2' },
  });

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  });
  afterAll(() => dataSource?.destroy());

  const mailer = (provider: EmailProvider) => new PostgresMailer({ ...testMailerOptions(dataSource), provider });

  it('stores the rendered email and sends it once; a redelivery is a duplicate with the same id', async () => {
    const provider = recordingProvider();
    const first = await mailer(provider).send(message('mail-once'));
    const again = await mailer(provider).send(message('mail-once'));
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ messageId: first.messageId, duplicate: true, outcome: 'sent' });
    expect(provider.sent).toHaveLength(1);
    const rows = await dataSource.manager.findBy(EmailEntity, { idempotencyKey: 'mail-once' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.messageId, status: 'sent', runId: 'run:a1:invoice:in_1', template: 'payment_failed', to: ['ada@customer.test'], from: 'billing@example.com', provider: 'outbox' });
    expect(rows[0].sentAt).toBeInstanceOf(Date);
    expect(rows[0].html).toContain('INV-7');
    expect(rows[0].text).toContain('https://pay.test/in_1');
    expect(provider.sent[0]).toMatchObject({ idempotencyKey: 'mail-once', subject: rows[0].subject, html: rows[0].html, tags: { step: '2' } });
  });

  it('sends once when a crash left the row stored but unsent', async () => {
    // What a worker that died between the insert and the provider call leaves behind.
    await dataSource.manager.insert(EmailEntity, {
      idempotencyKey: 'mail-crash', runId: 'r', template: 'payment_failed', to: ['ada@customer.test'], from: 'billing@example.com',
      subject: 'Stored subject', html: '<p>stored</p>', text: 'stored', provider: 'outbox',
    });
    const provider = recordingProvider();
    const result = await mailer(provider).send(message('mail-crash'));
    await mailer(provider).send(message('mail-crash'));
    expect(result.duplicate).toBe(false);
    expect(provider.sent.map((e) => e.subject)).toEqual(['Stored subject']); // the first rendering is what goes out
    expect((await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: 'mail-crash' })).status).toBe('sent');
  });

  it('records a provider failure on the row, rethrows it, and the retry sends exactly once', async () => {
    const provider = recordingProvider([new EmailProviderError('SendGrid is down', EmailErrorType.Unavailable, true, 503)]);
    await expect(mailer(provider).send(message('mail-retry'))).rejects.toMatchObject({ type: EmailErrorType.Unavailable, retryable: true });
    expect(await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: 'mail-retry' })).toMatchObject({ status: 'failed', error: 'SendGrid is down' });
    await mailer(provider).send(message('mail-retry'));
    await mailer(provider).send(message('mail-retry'));
    expect(provider.calls).toBe(2);
    expect(provider.sent).toHaveLength(1);
    expect(await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: 'mail-retry' })).toMatchObject({ status: 'sent', error: null, attempts: 2 });
  });

  it('records an ambiguous send as unknown, returns it, and never sends it again automatically', async () => {
    const provider = recordingProvider([new EmailProviderError('SendGrid did not answer (ECONNABORTED)', EmailErrorType.OutcomeUnknown, false)]);
    await expect(mailer(provider).send(message('mail-unknown'))).resolves.toMatchObject({ outcome: 'unknown', duplicate: false });
    await expect(mailer(provider).send(message('mail-unknown'))).resolves.toMatchObject({ outcome: 'unknown', duplicate: true });
    expect(provider.calls).toBe(1);
    expect(await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: 'mail-unknown' }))
      .toMatchObject({ status: 'unknown', error: 'SendGrid did not answer (ECONNABORTED)', attempts: 1, sentAt: null });
  });

  // What a worker killed during the provider call leaves: the claim, committed, and no outcome.
  const interruptedClaim = async (key: string) => {
    await dataSource.manager.insert(EmailEntity, {
      idempotencyKey: key, runId: 'r', template: 'payment_failed', to: ['ada@customer.test'], from: 'billing@example.com',
      subject: 'Stored subject', html: '<p>stored</p>', text: 'stored', provider: 'outbox', status: 'sending', attempts: 1,
      attemptedAt: new Date(Date.now() - 60_000),
    });
  };

  it('marks a send interrupted after its claim unknown instead of repeating it (a provider without idempotent sends)', async () => {
    await interruptedClaim('mail-interrupted');
    const provider = recordingProvider();
    await expect(mailer(provider).send(message('mail-interrupted'))).resolves.toMatchObject({ outcome: 'unknown' });
    expect(provider.calls).toBe(0);
    expect(await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: 'mail-interrupted' })).toMatchObject({ status: 'unknown', attempts: 1 });
  });

  it('sends an interrupted claim again when the provider is idempotent (the outbox)', async () => {
    await interruptedClaim('mail-interrupted-outbox');
    const provider = recordingProvider([], true);
    await expect(mailer(provider).send(message('mail-interrupted-outbox'))).resolves.toMatchObject({ outcome: 'sent', duplicate: false });
    expect(provider.sent).toHaveLength(1);
    expect(await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: 'mail-interrupted-outbox' })).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('lets an operator resend an unknown email once, recording who; a sent one cannot be resent', async () => {
    const provider = recordingProvider([new EmailProviderError('SendGrid did not answer (ECONNRESET)', EmailErrorType.OutcomeUnknown, false)]);
    const { messageId } = await mailer(provider).send(message('mail-resend'));
    const outbox = new EmailOutbox(dataSource, provider);
    await expect(outbox.resend(messageId, 'ops-key', {})).resolves.toEqual({ status: 'sent', duplicate: false });
    expect(provider.sent.map((e) => e.idempotencyKey)).toEqual(['mail-resend']); // the same key travels to the provider
    const row = await dataSource.manager.findOneByOrFail(EmailEntity, { id: messageId });
    expect(row).toMatchObject({ status: 'sent', attempts: 2, resentBy: 'ops-key', error: null });
    expect(row.resentAt).toBeInstanceOf(Date);
    await expect(outbox.resend(messageId, 'ops-key', {})).rejects.toEqual(new EmailNotResendable('sent'));
    expect(provider.calls).toBe(2);
  });

  it('sends once when the same key arrives concurrently (a timed-out attempt still running beside its retry)', async () => {
    const provider = recordingProvider();
    const send = provider.send.bind(provider);
    provider.send = async (email) => { await new Promise((r) => setTimeout(r, 300)); return send(email); }; // the twins wait for it
    const results = await Promise.all([1, 2, 3].map(() => mailer(provider).send(message('mail-concurrent'))));
    expect(provider.sent).toHaveLength(1);
    expect(new Set(results.map((r) => r.messageId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
  });

  it('uses the given subject, and reports an unrenderable template as TemplateError without storing anything', async () => {
    const provider = recordingProvider();
    await mailer(provider).send({ ...message('mail-subject'), template: 'team_memo', subject: 'Card declined: Ada', context: { ...context, memo: 'Call Ada' } });
    expect(provider.sent[0].subject).toBe('Card declined: Ada');
    const broken = new PostgresMailer({ ...testMailerOptions(dataSource), provider, render: () => { throw new Error('boom'); } });
    await expect(broken.send(message('mail-broken'))).rejects.toBeInstanceOf(TemplateError);
    expect(await dataSource.manager.countBy(EmailEntity, { idempotencyKey: 'mail-broken' })).toBe(0);
  });
});
