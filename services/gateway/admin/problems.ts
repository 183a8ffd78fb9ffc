import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

/** An RFC 9457 problem document, as every error of the API is sent (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({ example: '/problems/not-found' }) type: string;
  @ApiProperty({ example: 'Not Found' }) title: string;
  @ApiProperty({ example: 404 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'The request path' }) instance?: string;
  @ApiPropertyOptional({
    description: 'Invalid fields (422): a dotted path and what is wrong',
    type: 'array',
    items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } }, required: ['path', 'message'] },
  })
  errors?: { path: string; message: string }[];
}

const descriptions: Record<number, string> = {
  400: 'Malformed or unverifiable request',
  401: 'Missing or wrong API key',
  404: 'No such resource',
  409: 'The resource is in a state that forbids this',
  413: 'The body, or the nesting or width of the body or query, is larger than the configured limits',
  415: 'The body is not JSON (Content-Type: application/json)',
  422: 'Invalid fields, with their paths',
  429: 'Too many requests in the rate-limit window: retry after the Retry-After seconds',
  503: 'A dependency is unavailable: retry later',
};

// What the edge answers on every route before the route runs (ingress module): 400 for a body that is not JSON
// or a URL, query or body with a value PostgreSQL cannot store, 413 over the size, depth or width limits.
const EDGE = [400, 413];

const problemResponses = (statuses: number[]) =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...new Set([...EDGE, ...statuses])].sort((a, b) => a - b).map((status) =>
      ApiResponse({ status, description: descriptions[status], content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
    ),
  );

/**
 * Documents the error responses of an admin route, each as a problem document: the edge's 400 and 413, 401 (every
 * admin route needs the key), 429 (the admin rate limit) and the route's own.
 */
export const ApiProblems = Object.assign((...statuses: number[]) => problemResponses([401, 429, ...statuses]), {
  /** The same for a route open without a key (webhooks, health): the edge's 400 and 413 and the route's own. */
  public: (...statuses: number[]) => problemResponses(statuses),
});

/** 404 for an unknown id. */
export const notFound = (what: string, id: string | number) => new ProblemException(problem(404, `No ${what} ${id}`));

/** 409 for a request the resource's state forbids. */
export const conflict = (detail: string) => new ProblemException(problem(409, detail));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids: anything else is unknown (404), never a database error. */
export function requireUuid(what: string, id: string): string {
  if (!UUID.test(id)) throw notFound(what, id);
  return id;
}
