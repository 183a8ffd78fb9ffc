import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { json as jsonParser, type NextFunction, type Request, type Response } from 'express';
import { appConfig } from '../../common/config/app.config';
import { ApiKeyGuard } from '../../common/http/api-key.guard';
import { problem, PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { GRAPHQL_LIMITS } from './graphql-limits';

const send = (res: Response, details: ProblemDetails) => res.status(details.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(details));

/**
 * `/graphql` before Apollo sees it: a request without a valid admin key is a 401 problem (not a 200 with
 * UNAUTHENTICATED in the body, and nothing parsed or executed), and a body over the GraphQL limit is a 413.
 * Registered ahead of the app's own JSON parser, which then leaves the parsed body alone.
 */
export function useGraphqlHttpLimits(app: INestApplication, isOpen: (req: Request) => boolean = () => false): void {
  const guard = new ApiKeyGuard(app.get(Reflector), app.get<ConfigType<typeof appConfig>>(appConfig.KEY));
  const json = jsonParser({ limit: GRAPHQL_LIMITS.maxBodyBytes });
  app.use('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (isOpen(req)) return next();
    try {
      guard.check(req.headers.authorization);
    } catch (error) {
      if (error instanceof ProblemException) return send(res, error.details);
      throw error;
    }
    json(req, res, (error?: { type?: string }) => {
      if (!error) return next();
      if (error.type === 'entity.too.large') return send(res, problem(413, `A GraphQL request body may have at most ${GRAPHQL_LIMITS.maxBodyBytes} bytes`));
      send(res, problem(400, 'The body is not valid JSON'));
    });
  });
}
