import { Injectable, UseFilters } from '@nestjs/common';
import { Args, ArgsType, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Repository } from 'typeorm';
import { EmailRecord } from '../../common/database/entities/email.entity';
import { paginate, PageOf, PageQuery } from '../admin/pagination';
import { GraphqlProblemFilter } from './graphql-problem.filter';

/** An email the system sent (or is sending), from the outbox table. */
@ObjectType('Email')
export class EmailObject {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) runId: string | null;
  @Field() template: string;
  @Field(() => [String]) to: string[];
  @Field() from: string;
  @Field() subject: string;
  @Field() text: string;
  @Field() provider: string;
  @Field() status: string;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) sentAt: string | null;
}

const EmailList = PageOf(EmailObject, 'Email');

/** `emails(runId, limit, starting_after)`. */
@ArgsType()
class EmailsArgs extends PageQuery {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) runId?: string;
}

/** Reads the emails table (newest first); REST `GET /v1/emails` belongs to the emails module. */
@Injectable()
export class EmailsQueryService {
  constructor(@InjectRepository(EmailRecord) private readonly emails: Repository<EmailRecord>) {}

  list(args: EmailsArgs) {
    const qb = this.emails.createQueryBuilder('m');
    if (args.runId) qb.andWhere('m.run_id = :runId', { runId: args.runId });
    return paginate(qb, { alias: 'm', table: 'emails', columns: ['created_at', 'id'], direction: 'DESC' }, args, (m): EmailObject => ({
      id: m.id, runId: m.runId, template: m.template, to: m.to, from: m.from, subject: m.subject, text: m.text,
      provider: m.provider, status: m.status, error: m.error, createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null,
    }));
  }
}

/** GraphQL for sent emails. */
@Resolver(() => EmailObject)
@UseFilters(GraphqlProblemFilter)
export class EmailsResolver {
  constructor(private readonly service: EmailsQueryService) {}

  @Query(() => EmailList)
  emails(@Args() args: EmailsArgs) {
    return this.service.list(args);
  }
}
