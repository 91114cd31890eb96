import { describe, expect, it } from 'vitest';
import {
  MAX_ATTEMPTS,
  RETRY_DELAYS_S,
  retryAfterMs,
  retryDelayMs,
} from '../../../functions/webhooks/retry-schedule.ts';

const NOW = Date.parse('2026-03-01T00:00:00Z');

describe('the webhook retry schedule', () => {
  it('should retry for about three days in all, then stop', () => {
    // Act
    const total = RETRY_DELAYS_S.reduce((sum, s) => sum + s, 0);
    const afterLast = retryDelayMs(MAX_ATTEMPTS, { random: () => 0.5, now: NOW });

    // Assess
    expect(total / 86_400).toBeGreaterThan(3);
    expect(total / 86_400).toBeLessThan(3.5);
    expect(afterLast).toBeUndefined();
  });

  it.each([
    [0, 4000],
    [0.5, 5000],
    [1, 6000],
  ])('should jitter the first retry (random %s → %s ms)', (random, expected) => {
    // Act
    const delay = retryDelayMs(1, { random: () => random, now: NOW });

    // Assess
    expect(delay).toBe(expected);
  });

  it.each([
    ['120', 120_000],
    ['Sun, 01 Mar 2026 00:10:00 GMT', 600_000],
  ])('should honour Retry-After %s when it asks for longer', (header, expected) => {
    // Act
    const delay = retryDelayMs(1, { random: () => 0.5, now: NOW, retryAfter: header });

    // Assess
    expect(delay).toBe(expected);
  });

  it.each([['1'], ['999999'], ['soon']])(
    'should keep the schedule when Retry-After is %s (shorter, over a day, or unreadable)',
    (header) => {
      // Act
      const delay = retryDelayMs(2, { random: () => 0.5, now: NOW, retryAfter: header });

      // Assess
      expect(delay).toBe(300_000);
    },
  );

  it('should read a Retry-After date in the past as no wait', () => {
    // Act
    const wait = retryAfterMs('Sat, 28 Feb 2026 00:00:00 GMT', NOW);

    // Assess
    expect(wait).toBe(0);
  });
});
