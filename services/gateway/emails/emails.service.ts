import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { paginate, type Page } from '../admin/pagination';
import { notFound, requireUuid } from '../admin/problems';
import { toEmailResource, type EmailResource } from './dto/email.resource';
import type { ListEmailsQuery } from './dto/list-emails.query';

/** Reads the outbox (the `emails` table), newest first. */
@Injectable()
export class EmailsService {
  constructor(@InjectRepository(EmailEntity) private readonly emails: Repository<EmailEntity>) {}

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
}
