import { describe, expect, it } from 'vitest';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';

describe('the day in New Zealand', () => {
  it("should take today's date in New Zealand, not UTC", () => {
    // Act
    const date = newZealandDate(new Date('2026-11-22T12:30:00Z'));

    // Assess
    expect(date).toBe('2026-11-23');
  });
});
