/**
 * When a failed delivery is tried again: the Standard Webhooks schedule, after the first attempt
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (about three days and three hours in
 * all), each with up to a fifth either way of jitter so that endpoints recovering together are not
 * all tried in the same second. After the last, the endpoint is disabled and its owner told.
 */
export const RETRY_DELAYS_S = [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400] as const;

/** The first attempt and one per retry. */
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;

/** The longest wait a Retry-After may ask for; beyond it the schedule's own wait is kept. */
const MAX_RETRY_AFTER_S = 86_400;

/**
 * How long to wait after attempt `attempt` (1-based) failed, or undefined when it was the last.
 * A 429 or 503 with `Retry-After` (seconds or an HTTP date) is honoured: the wait is what it asks,
 * if that is longer than the schedule's and no more than a day.
 */
export function retryDelayMs(
  attempt: number,
  options: { random: () => number; retryAfter?: string; now: number },
): number | undefined {
  const scheduled = RETRY_DELAYS_S[attempt - 1];
  if (scheduled === undefined) return undefined;
  const jittered = scheduled * 1000 * (0.8 + 0.4 * options.random());
  const asked = retryAfterMs(options.retryAfter, options.now);
  if (asked !== undefined && asked > jittered && asked <= MAX_RETRY_AFTER_S * 1000) return asked;
  return Math.round(jittered);
}

/** A Retry-After header's wait in milliseconds: delay-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
