import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
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
  // helmet's defaults: the OpenAPI UI loads only same-origin scripts and styles, so its CSP holds as is.
  express.use(helmet());
  if (config.deploy.corsOrigins.length) express.enableCors({ origin: config.deploy.corsOrigins, credentials: false });
  if (!config.deploy.docsPublic) {
    const verifier = new AdminKeyVerifier(config.adminKeys);
    express.use(DOCS_PATHS, (request: Request, response: Response, next: NextFunction) => {
      try {
        verifier.authenticate(request.headers.authorization);
        next();
      } catch (error) {
        const { details } = error as ProblemException;
        response.status(details.status).type('application/problem+json').send({ ...details, instance: request.originalUrl });
      }
    });
  }
}
