import { ApolloArmor } from '@escape.tech/graphql-armor';

/*
 * What one GraphQL request may ask, the same in every environment. The admin API's deepest real query
 * (`runs { data { pinnedVersion { definition } } }`) has depth 4 and no aliases; GraphiQL's introspection
 * query is exempt from depth and cost (`__schema` is ignored there) but not from aliases, tokens or size.
 */
export const GRAPHQL_LIMITS = {
  /** Bytes of one request body (`{query, variables}`); larger is 413 before parsing. */
  maxBodyBytes: 64 * 1024,
  maxDepth: 8,
  maxAliases: 15,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 5_000,
} as const;

/** graphql-armor's Apollo plugins and validation rules for these limits (rejections are 400 before execution). */
export function graphqlArmor() {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true, exposeLimits: true },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, allowList: [], exposeLimits: true }, // __typename aliases count too
    // Tokens are counted by graphql's own parser (`parseOptions`): armor's parse hook throws outside Apollo's
    // request pipeline and would answer 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, exposeLimits: true },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, ignoreIntrospection: true, exposeLimits: true },
    blockFieldSuggestion: { enabled: true },
  });
  return armor.protect();
}
