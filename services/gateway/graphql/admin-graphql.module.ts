import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import { BillingEventEntity } from '../../common/database/entities/billing-event.entity';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { EmailsService } from '../emails/emails.service';
import { EventsService } from '../events/events.service';
import { IngestService } from '../events/ingest.service';
import { EmailsResolver } from './emails.resolver';
import { EventsResolver } from './events.resolver';

/**
 * `POST /graphql`, code-first; the schema is built in memory (no file in the repository). The noun modules
 * bring their own resolvers; events and emails are resolved here because their REST modules are others'.
 * The request goes into the context so the global ApiKeyGuard checks GraphQL like REST.
 */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      context: ({ req }: { req: Request }) => ({ req }),
      includeStacktraceInErrorResponses: false,
      graphiql: false,
    }),
    TypeOrmModule.forFeature([BillingEventEntity, EmailEntity]),
  ],
  // EventsModule exports only IngestService, EmailsModule nothing: their services are provided here too (same
  // classes, no logic twice).
  providers: [EventsService, IngestService, EventsResolver, EmailsService, EmailsResolver],
})
export class AdminGraphqlModule {}
