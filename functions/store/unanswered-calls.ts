import type { MiddlewareStack } from '@smithy/types';
import { UnavailableError } from '../domain/errors.ts';

/** Socket-level failures: the part is down, unreachable or hung up. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/** Service answers that mean "not now" rather than "no": throttled, timed out, failing inside. */
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'SlowDown',
]);

interface SdkFailure {
  name?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/**
 * Whether an AWS SDK call failed because the service did not answer (after the SDK's own retries),
 * as opposed to answering no (a failed condition, a missing key, a refused permission).
 */
export function isUnanswered(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const failure = error as SdkFailure;
  if (failure.code && NETWORK_CODES.has(failure.code)) return true;
  if (failure.name && TRANSIENT_NAMES.has(failure.name)) return true;
  return failure.$fault === 'server' && (failure.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** A failure's short code for logs and row messages: never its message, which can carry an address. */
export function failureReason(error: unknown): string {
  if (error instanceof UnavailableError && error.reason) return error.reason;
  const failure = (error ?? {}) as SdkFailure;
  return failure.code || failure.name || 'error';
}

/** What this needs of an AWS SDK v3 client: its middleware stack. */
// biome-ignore lint/suspicious/noExplicitAny: each client has its own input and output types; this middleware reads neither
type ClientWithMiddleware = { middlewareStack: MiddlewareStack<any, any> };

/**
 * Makes a client report "did not answer" in the domain's terms: once the SDK has given up
 * retrying, an unanswered call becomes UnavailableError naming the part, so every caller (a
 * route, a page, a job) tells it apart from a bug without knowing the SDK. Other failures pass
 * through untouched, so callers still see ConditionalCheckFailed, NoSuchKey and the like.
 */
export function reportUnansweredCalls<C extends ClientWithMiddleware>(client: C, dependency: string): C {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isUnanswered(error)) throw error;
        throw new UnavailableError(`The ${dependency} did not answer.`, {
          cause: error,
          dependency,
          reason: failureReason(error),
        });
      }
    },
    // Initialize is the outermost step: the SDK's retries (finalizeRequest) happen inside it.
    { step: 'initialize', name: 'reportUnansweredCalls', override: true },
  );
  return client;
}
