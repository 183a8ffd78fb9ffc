import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { AdminKeyVerifier } from '../common/http/api-key.guard';
import { ProblemException } from '../common/http/problem-details.filter';
import type { AppConfig } from '../common/config/app.config';

/** Paths of the API documentation (the OpenAPI UI and document), public only where DOCS_PUBLIC allows. */
export const DOCS_PATHS = ['/docs', '/openapi.json'];

/**
 * Security headers (helmet; no X-Powered-By), CORS only for the configured origins, and the API documentation
 * behind the admin key unless it is public (the default outside production).
 */
export function hardenHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // helmet's defaults: the OpenAPI UI and the GraphiQL explorer load only same-origin scripts, styles and workers,
  // so its CSP holds as is.
  express.use(helmet());
  if (config.deploy.corsOrigins.length) express.enableCors({ origin: config.deploy.corsOrigins, credentials: false });
  if (!config.deploy.docsPublic) express.use(DOCS_PATHS, adminKeyGate(config));
}

/** Passes a request with a valid admin key on; answers anything else with the 401 problem. */
export function adminKeyGate(config: Pick<AppConfig, 'adminKeys'>): RequestHandler {
  const verifier = new AdminKeyVerifier(config.adminKeys);
  return (request: Request, response: Response, next: NextFunction) => {
    try {
      verifier.authenticate(request.headers.authorization);
    } catch (error) {
      const { details } = error as ProblemException;
      return void response.status(details.status).type('application/problem+json').send({ ...details, instance: request.originalUrl });
    }
    next();
  };
}
