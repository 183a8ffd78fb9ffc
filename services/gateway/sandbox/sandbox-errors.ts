import { BillingErrorType, BillingProviderError } from '../../../providers/billing/billing-provider';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';

const STATUS_BY_TYPE: Partial<Record<BillingErrorType, number>> = { [BillingErrorType.NotFound]: 404, [BillingErrorType.InvalidRequest]: 422 };

/** Ledger refusals as problem documents: unknown ids 404, bad references 422, state conflicts 409. */
export async function asProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BillingProviderError) throw new ProblemException(problem(STATUS_BY_TYPE[err.type] ?? 409, err.message));
    throw err;
  }
}
