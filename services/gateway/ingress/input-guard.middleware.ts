import { Inject, Injectable, type NestMiddleware, type RawBodyRequest } from '@nestjs/common';
import { isUtf8 } from 'node:buffer';
import type { ConfigType } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { jsonViolation, storableText } from '../../../domain/json-limits';
import { appConfig } from '../../common/config/app.config';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { markInputChecked } from './checked-inputs';
import { violationProblem } from './input-problem';

/** The first path segment or query component that does not decode or cannot be stored, or undefined. */
function badSegment(url: string, maxLength: number): string | undefined {
  // The query parser would turn invalid UTF-8 into U+FFFD silently: refuse it as the path does.
  for (const raw of url.replace(/\+/g, ' ').split(/[/?&=]/)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return 'the URL is not valid percent-encoded UTF-8';
    }
    if (!storableText(segment)) return 'NUL (%00) and unpaired UTF-16 surrogates are not allowed in the URL';
    if (segment.length > maxLength) return `a path segment or query value is longer than ${maxLength} characters`;
  }
  return undefined;
}

/**
 * One validation of every request (REST and GraphQL) before any route code: the path, the query and the
 * parsed body are held to the ingress limits (and the raw body must be UTF-8), so no handler, recursive walk or insert sees a NUL byte, a
 * lone surrogate, an over-long id or an over-deep document (each would otherwise end as a 5xx).
 */
@Injectable()
export class InputGuardMiddleware implements NestMiddleware {
  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  use(req: RawBodyRequest<Request>, _res: Response, next: NextFunction): void {
    const limits = this.config.ingress;
    // JSON is UTF-8 (RFC 8259): the parsers would replace invalid bytes with U+FFFD and store the result.
    if (req.rawBody && !isUtf8(req.rawBody)) {
      throw new ProblemException(problem(400, 'The body is not valid UTF-8', { errors: [{ path: '(body)', message: 'JSON must be UTF-8' }] }));
    }
    const segment = badSegment(req.originalUrl, limits.maxIdLength * 4);
    if (segment) throw new ProblemException(problem(400, `The URL cannot be accepted: ${segment}`, { errors: [{ path: '(url)', message: segment }] }));
    const query = jsonViolation(req.query, limits);
    if (query) throw new ProblemException(violationProblem(query, 'query'));
    if (typeof req.body === 'object' && req.body !== null) {
      const body = jsonViolation(req.body, limits);
      if (body) throw new ProblemException(violationProblem(body));
      markInputChecked(req.body);
    }
    next();
  }
}
