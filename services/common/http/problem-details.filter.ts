import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../logging/redaction';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details';

/** An HttpException whose body is already a problem document (thrown by validation and domain checks). */
export class ProblemException extends HttpException {
  constructor(readonly details: ProblemDetails) {
    super(details, details.status);
  }
}

/** Express/body-parser errors carry their status and a `type` such as `entity.too.large`. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

function parseFailure(error: unknown): boolean {
  return (error as HttpLikeError | undefined)?.type === 'entity.parse.failed';
}

/** Turns every error into `application/problem+json`; 5xx bodies never carry internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request>();
    const body = { ...this.toProblem(exception), instance: redactUrl(request.originalUrl) };
    if (body.status >= 500) this.logger.error({ err: exception, path: body.instance }, 'Request failed');
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.details;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps body-parser's errors; the JSON one deserves a plain sentence rather than V8's parser message.
      if (parseFailure(exception.cause)) return problem(status, 'The body is not valid JSON');
      const response = exception.getResponse();
      const message = typeof response === 'object' && response && 'message' in response ? response.message : response;
      if (Array.isArray(message)) {
        return problem(status, 'The request has invalid fields', { errors: message.map((m) => ({ path: '', message: String(m) })) });
      }
      return problem(status, String(message));
    }
    const error = (exception ?? {}) as HttpLikeError;
    const status = error.status ?? error.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return problem(status, parseFailure(error) ? 'The body is not valid JSON' : error.message);
    }
    return problem(500, 'An unexpected error occurred');
  }
}
