import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';

/**
 * `POST /graphql`, code-first: every noun module brings its resolver beside its controller, on one service.
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
  ],
})
export class AdminGraphqlModule {}
