import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { appConfig } from '../../common/config/app.config';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

/**
 * With another billing provider the sandbox ledger is not the system the runs act on: its routes answer 404
 * (problem+json, naming the provider) rather than change a ledger nobody reads.
 */
@Injectable()
export class SandboxOffMiddleware implements NestMiddleware {
  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  use(_req: Request, _res: Response, next: NextFunction): void {
    if (this.config.billingProvider !== 'sandbox') {
      throw new ProblemException(problem(404, `The sandbox ledger is off: this system runs BILLING_PROVIDER=${this.config.billingProvider}, so /v1/sandbox is not served`, { type: '/problems/sandbox-off' }));
    }
    next();
  }
}
