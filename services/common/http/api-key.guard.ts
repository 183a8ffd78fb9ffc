import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { appConfig } from '../config/app.config';
import { problem } from './problem-details';
import { ProblemException } from './problem-details.filter';

const PUBLIC = 'auth:public';

/** Marks a controller or route as open (health, metrics, docs, signed webhooks). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Hashing both sides first makes the comparison constant-time whatever the lengths. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Requires `Authorization: Bearer <key>` with one of ADMIN_API_KEYS on every route not marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: Buffer[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>,
  ) {
    this.keys = config.adminApiKeys.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request: Request =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: Request }>().req
        : context.switchToHttp().getRequest<Request>();
    this.check(request.headers.authorization);
    return true;
  }

  /** Throws the 401 problem unless the `Authorization` header carries a valid key (GraphQL's HTTP layer uses it too). */
  check(authorization: string | undefined): void {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new ProblemException(problem(401, 'Send an admin API key as `Authorization: Bearer <key>`'));
    const presented = digest(match[1]);
    let valid = false;
    for (const key of this.keys) valid = timingSafeEqual(key, presented) || valid; // no early exit
    if (!valid) throw new ProblemException(problem(401, 'The API key is not valid'));
  }
}
