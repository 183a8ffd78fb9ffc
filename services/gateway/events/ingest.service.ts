import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { recordEvent, type IncomingEvent, type RecordedEvent } from '../../common/events/record-event';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { jsonViolation } from '../../../domain/json-limits';
import { appConfig } from '../../common/config/app.config';
import { inputChecked } from '../ingress/checked-inputs';
import { violationProblem } from '../ingress/input-problem';

/** The one way an accepted event is stored (webhooks and the generic API): event row + outbox row. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('ingest');

  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** Stores the event durably (or recognises a redelivery); throws a problem when it cannot. */
  async store(event: IncomingEvent): Promise<RecordedEvent> {
    // The HTTP input guard has checked the body already; this holds for every other way in (sandbox, timers),
    // and a permanently bad event must be a 4xx here, never the 503 "retry later" below.
    const violation = inputChecked(event.payload) ? undefined : jsonViolation(event.payload, this.config.ingress);
    if (violation) throw new ProblemException(violationProblem(violation));
    const { maxIdLength } = this.config.ingress;
    if (event.providerEventId.length > maxIdLength || event.type.length > maxIdLength) {
      throw new ProblemException(problem(400, `The event id and type are at most ${maxIdLength} characters`, {
        errors: [{ path: 'id', message: `at most ${maxIdLength} characters` }],
      }));
    }
    try {
      return await recordEvent(this.manager, event);
    } catch (error) {
      // Not accepted means the sender retries (Stripe does for days): say so instead of a bare 500.
      this.logger.error({ err: error, provider: event.provider, providerEventId: event.providerEventId }, 'Event not stored');
      throw new ProblemException(problem(503, 'The event could not be stored right now; retry later'));
    }
  }
}
