import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** True when the request carries a body at all (HTTP/1.1: a length above 0, or chunked). */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Ingestion routes take JSON only: a form or text body is 415, whatever a parser could make of it. A request
 * without a body goes on, so that the key check answers first (401) and validation after it.
 */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (hasBody(req) && !JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      throw new ProblemException(problem(415, 'Send the event as JSON (Content-Type: application/json)'));
    }
    next();
  }
}
