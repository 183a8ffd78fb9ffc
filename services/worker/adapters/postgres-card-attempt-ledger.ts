import { CardAttemptStore } from '../../common/database/card-attempt-store';

/**
 * The worker's card ledger: the card attempt log in PostgreSQL (`card_attempts`), shared with the gateway's
 * card API and the dispatcher that records the provider's own attempts.
 */
export class PostgresCardAttemptLedger extends CardAttemptStore {}
