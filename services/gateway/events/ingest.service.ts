import { Injectable, Logger } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { EntityManager } from 'typeorm';
import { recordEvent, type IncomingEvent, type RecordedEvent } from '../../common/events/record-event';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { unstorablePath } from './storable-json';

/** The one way an accepted event is stored (webhooks and the generic API): event row + outbox row. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger('ingest');

  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  /** Stores the event durably (or recognises a redelivery); throws a problem when it cannot. */
  async store(event: IncomingEvent): Promise<RecordedEvent> {
    const path = unstorablePath(event.payload);
    if (path !== undefined) {
      throw new ProblemException(problem(400, 'The event contains a NUL character or an unpaired surrogate, which cannot be stored', {
        errors: [{ path, message: 'NUL (\\u0000) and unpaired UTF-16 surrogates are not allowed' }],
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
