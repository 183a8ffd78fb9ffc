import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { eventsRejected, httpDuration, httpRequests } from '../../common/metrics/dunning-metrics';

/** Ingestion routes (template → provider) whose refusals count as rejected events. */
const INGESTION_ROUTES: Record<string, string> = { 'POST /webhooks/stripe': 'stripe', 'POST /v1/events': 'generic' };

/** Why an ingestion request was refused, from its status (the problem body says more; labels stay bounded). */
export function rejectionReason(status: number): string {
  const reasons: Record<number, string> = {
    400: 'invalid', 422: 'invalid', 409: 'conflict', 401: 'unauthorized', 403: 'forbidden', 413: 'too_large', 415: 'unsupported_media_type', 429: 'rate_limited',
  };
  return reasons[status] ?? (status >= 500 ? 'unavailable' : 'client_error');
}

/** The route template that answered (`/v1/runs/:id`), or `unmatched`: never the raw path, which would explode label cardinality. */
export function routeLabel(request: Request): string {
  const path = request.route?.path as string | undefined;
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched'; // Nest's catch-all 404 route is `{/*splat}`
  return `${request.baseUrl ?? ''}${path}` || '/';
}

/** Counts and times every request by its route template, and counts refused ingestion requests by reason. */
@Injectable()
export class MetricsMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const end = httpDuration.startTimer();
    response.on('finish', () => {
      const route = routeLabel(request);
      const status = response.statusCode;
      end({ method: request.method, route });
      httpRequests.inc({ method: request.method, route, status: String(status) });
      const provider = INGESTION_ROUTES[`${request.method} ${route}`];
      if (provider && status >= 400) eventsRejected.inc({ provider, reason: rejectionReason(status) });
    });
    next();
  }
}
