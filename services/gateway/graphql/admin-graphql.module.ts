import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { GRAPHQL_LIMITS, graphqlArmor } from './graphql-limits';

const armor = graphqlArmor();

/**
 * `POST /graphql`, code-first: every noun module brings its resolver beside its controller, on one service.
 * The request goes into the context so the global ApiKeyGuard checks GraphQL like REST; before that, the HTTP
 * layer (graphql-http.middleware.ts) refuses a request without a valid key with 401, so introspection too needs
 * the key. graphql-armor's limits apply in every environment.
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
      introspection: true,
      allowBatchedHttpRequests: false,
      plugins: armor.plugins as ApolloDriverConfig['plugins'], // the same Apollo, typed once as ESM and once as CJS
      validationRules: armor.validationRules,
      parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    }),
  ],
})
export class AdminGraphqlModule {}
