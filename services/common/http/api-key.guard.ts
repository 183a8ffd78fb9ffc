import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { enterActor } from '../audit/actor-context';
import type { AdminKey } from '../config/admin-keys';
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

/** The admin keys, compared in constant time; `authenticate` answers the key's name or a 401 problem. */
export class AdminKeyVerifier {
  private readonly keys: { name: string; digest: Buffer }[];

  constructor(keys: readonly AdminKey[]) {
    this.keys = keys.map(({ name, key }) => ({ name, digest: digest(key) }));
  }

  /** The name of the key in `authorization` (`Bearer <key>`); throws a 401 ProblemException otherwise. */
  authenticate(authorization: string | undefined): string {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new ProblemException(problem(401, 'Send an admin API key as `Authorization: Bearer <key>`'));
    const presented = digest(match[1]);
    let name: string | undefined;
    for (const key of this.keys) if (timingSafeEqual(key.digest, presented)) name ??= key.name; // no early exit
    if (name === undefined) throw new ProblemException(problem(401, 'The API key is not valid'));
    return name;
  }
}

/**
 * Requires `Authorization: Bearer <key>` with one of ADMIN_API_KEYS on every route not marked @Public(), and makes
 * the key's name the actor of the request (recorded as the author of what it changes).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly verifier: AdminKeyVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(appConfig.KEY) config: ConfigType<typeof appConfig>,
  ) {
    this.verifier = new AdminKeyVerifier(config.adminKeys);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request: Request =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: Request }>().req
        : context.switchToHttp().getRequest<Request>();
    enterActor(this.verifier.authenticate(request.headers.authorization));
    return true;
  }

  /** Throws the 401 problem unless `authorization` carries a valid key; answers the key's name (GraphQL's HTTP layer uses it too). */
  check(authorization: string | undefined): string {
    return this.verifier.authenticate(authorization);
  }
}
