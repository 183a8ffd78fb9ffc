import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EmailProvider } from '../../../providers/email/email-provider';
import { EMAIL_PROVIDER } from '../../../providers/email/email-provider.module';
import { EmailNotResendable, EmailOutbox } from '../../../providers/email/outbox/email-outbox';
import { currentActor } from '../../common/audit/actor-context';
import { recordAudit } from '../../common/audit/record-audit';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { paginate, type Page } from '../admin/pagination';
import { conflict, notFound, requireUuid } from '../admin/problems';
import { toEmailResource, type EmailResource } from './dto/email.resource';
import type { ListEmailsQuery } from './dto/list-emails.query';

/** Reads the outbox (the `emails` table), newest first, and resends an email on an operator's request. */
@Injectable()
export class EmailsService {
  private readonly outbox: EmailOutbox;

  constructor(
    @InjectRepository(EmailEntity) private readonly emails: Repository<EmailEntity>,
    @Inject(EMAIL_PROVIDER) provider: EmailProvider,
  ) {
    this.outbox = new EmailOutbox(emails.manager.connection, provider);
  }

  list(query: ListEmailsQuery): Promise<Page<EmailResource>> {
    const qb = this.emails.createQueryBuilder('m');
    if (query.runId) qb.andWhere('m.run_id = :runId', { runId: query.runId });
    if (query.template) qb.andWhere('m.template = :template', { template: query.template });
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.to) qb.andWhere('EXISTS (SELECT 1 FROM unnest(m.to_addresses) a WHERE lower(a) = lower(:to))', { to: query.to });
    return paginate(qb, { alias: 'm', table: 'emails', columns: ['created_at', 'id'], direction: 'DESC' }, query, toEmailResource);
  }

  async get(id: string): Promise<EmailResource> {
    const row = await this.emails.findOneBy({ id: requireUuid('email', id) });
    if (!row) throw notFound('email', id);
    return toEmailResource(row);
  }

  /**
   * Sends an email whose outcome is `unknown` (or whose send `failed`) once more, through the same provider and
   * idempotency key, recording the acting key; the answer is the row afterwards (`sent`, `failed` or `unknown`).
   */
  async resend(id: string): Promise<EmailResource> {
    const row = await this.emails.findOneBy({ id: requireUuid('email', id) });
    if (!row) throw notFound('email', id);
    try {
      await this.outbox.resend(row.id, currentActor(), row.runId ? { workflowId: row.runId } : {});
    } catch (err) {
      if (err instanceof EmailNotResendable) throw conflict(err.message);
      throw err;
    }
    await recordAudit(this.emails.manager, 'email.resend', row.id, { idempotencyKey: row.idempotencyKey, runId: row.runId });
    return toEmailResource(await this.emails.findOneByOrFail({ id: row.id }));
  }
}
