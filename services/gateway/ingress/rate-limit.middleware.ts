import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { appConfig } from '../../common/config/app.config';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

/** Which limit a request counts against: the admin API per client, ingestion per source and route. */
export type RateLimitBucket = 'admin' | 'ingest';

/** The bucket of a request, or undefined for routes without a limit (health, metrics, docs). */
export function rateLimitBucket(method: string, path: string): RateLimitBucket | undefined {
  // The public self-service page counts per link and client, as ingestion does per source.
  if (path.startsWith('/webhooks/') || path.startsWith('/pay/') || (method === 'POST' && /^\/v1\/events\/?$/.test(path))) return 'ingest';
  if (path.startsWith('/v1/') || path === '/v1' || path.startsWith('/graphql')) return 'admin';
  return undefined;
}

/**
 * Fixed-window request counting through @nestjs/throttler's storage interface (FixedWindowStorage), per request rather than per resolver,
 * so REST and GraphQL share one admin limit and a GraphQL request is refused before it is parsed.
 * Over the limit: 429 problem with Retry-After (Stripe then redelivers later).
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  constructor(
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const path = req.originalUrl.split('?')[0];
    const bucket = rateLimitBucket(req.method, path);
    if (!bucket) return next();
    const { windowMs, admin, ingest } = this.config.rateLimit;
    const limit = bucket === 'admin' ? admin : ingest;
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const key = bucket === 'admin' ? `admin:${client}` : `ingest:${path}:${client}`;
    const { totalHits, timeToExpire } = await this.storage.increment(key, windowMs, limit, 0, bucket);
    res.setHeader('RateLimit-Limit', limit);
    res.setHeader('RateLimit-Remaining', Math.max(0, limit - totalHits));
    if (totalHits > limit) {
      res.setHeader('Retry-After', Math.max(1, timeToExpire));
      throw new ProblemException(problem(429, `More than ${limit} requests in ${windowMs / 1000} s; retry after ${Math.max(1, timeToExpire)} s`));
    }
    next();
  }
}
