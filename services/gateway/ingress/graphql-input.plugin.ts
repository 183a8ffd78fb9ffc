import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { storableText } from '../../../domain/json-limits';
import { problem } from '../../common/http/problem-details';

/** The first string literal of a document PostgreSQL could not store, or undefined. */
function unstorableLiteral(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (found === undefined && !storableText(node.value)) found = node.value;
    },
  });
  return found;
}

/**
 * The GraphQL half of the input guard: variables arrive in the JSON body (checked by the middleware), but
 * literal arguments only exist once the document is parsed. A NUL or lone surrogate in one is a 400
 * problem before execution, as on REST.
 */
@Plugin()
export class GraphqlInputPlugin implements ApolloServerPlugin {
  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    return {
      async didResolveOperation({ document }) {
        if (unstorableLiteral(document) === undefined) return;
        const details = problem(400, 'A string argument contains NUL (\\u0000) or an unpaired UTF-16 surrogate');
        throw new GraphQLError(details.detail!, { extensions: { code: 'BAD_USER_INPUT', status: 400, problem: details, http: { status: 400 } } });
      },
    };
  }
}
