import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** Ingestion routes take JSON only: a form or text body is 415, whatever a parser could make of it. */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      throw new ProblemException(problem(415, 'Send the event as JSON (Content-Type: application/json)'));
    }
    next();
  }
}
