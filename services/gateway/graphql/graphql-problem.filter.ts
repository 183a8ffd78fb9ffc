import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { problem, type ProblemDetails } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

// Apollo's standard codes, which clients and tools read as "the caller's input was refused": a resolver's 404,
// 409 or 422 is BAD_USER_INPUT (a custom code would read as a server failure); `status` and `problem.type` say which.
const codes: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'BAD_USER_INPUT',
  409: 'BAD_USER_INPUT',
  422: 'BAD_USER_INPUT',
};

/**
 * GraphQL's counterpart of the problem+json filter (whose HTTP response object does not exist in a resolver):
 * the same problem document goes into `extensions.problem`; unexpected errors say nothing about internals.
 */
@Catch()
export class GraphqlProblemFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('graphql');

  catch(exception: unknown, _host: ArgumentsHost): GraphQLError {
    const details = this.toProblem(exception);
    if (details.status >= 500) this.logger.error({ err: exception }, 'Resolver failed');
    const code = codes[details.status] ?? (details.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
    return new GraphQLError(details.detail ?? details.title, { extensions: { code, status: details.status, problem: details } });
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.details;
    if (exception instanceof HttpException) return problem(exception.getStatus(), exception.message);
    return problem(500, 'An unexpected error occurred');
  }
}
