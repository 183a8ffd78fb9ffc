import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { BillingErrorType, BillingProviderError } from '../../../providers/billing/billing-provider';

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003']);

/** gRPC status code of a Temporal client error, wherever the SDK put it. */
function grpcCode(error: unknown): number | undefined {
  if (isGrpcServiceError(error)) return error.code;
  if (error instanceof ServiceError && error.cause) return grpcCode(error.cause);
  return undefined;
}

/**
 * Whether an error means "Temporal or PostgreSQL is not reachable right now": such failures are retried
 * for ever (with the global backoff), never counted towards giving up on the event.
 */
export function isUnavailable(error: unknown): boolean {
  const code = grpcCode(error);
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
  const message = error instanceof Error ? error.message : String(error);
  if (/Failed to connect before the deadline|connection (terminated|refused)|Connection terminated/i.test(message)) return true;
  const errno = (error as { code?: unknown; driverError?: { code?: unknown } } | null)?.code ??
    (error instanceof QueryFailedError ? (error.driverError as { code?: unknown }).code : undefined);
  if (typeof errno === 'string' && NETWORK_CODES.has(errno)) return true;
  return error instanceof BillingProviderError && error.retryable && error.type === BillingErrorType.Unavailable;
}

/** A short, log-safe description of an error for `outbox.last_error` / `events.error`. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}
