import { Injectable, type NestMiddleware } from '@nestjs/common';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf, withRequestId } from '../../common/telemetry/request-context';
import { tracer, tracingEnabled } from '../../common/telemetry/tracing';
import { routeLabel } from '../metrics/metrics.middleware';

/**
 * Runs the rest of the request with its request id as the current one (stored on outbox rows, passed to
 * Temporal) and, when tracing is on, inside a server span continuing the caller's `traceparent`.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const requestId = requestIdOf(req, res);
    if (!tracingEnabled()) return withRequestId(requestId, next);
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(`${req.method}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'request.id': requestId } }, parent);
    res.on('finish', () => {
      const route = routeLabel(req);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => withRequestId(requestId, next));
  }
}
