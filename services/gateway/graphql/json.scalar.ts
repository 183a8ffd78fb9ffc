import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** Arbitrary JSON (definitions, filter explanations, live run state): the same shapes REST returns. */
export const GraphQLJSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value, shaped as in the REST API and its OpenAPI document',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
