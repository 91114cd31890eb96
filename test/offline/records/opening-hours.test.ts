import { describe, expect, it } from 'vitest';
import { describeDays, parseOpeningHours, type Weekday } from '../../../functions/records/opening-hours.ts';

describe('opening hours as staff type them', () => {
  it('should read day ranges, single days and lists, with any dash', () => {
    // Prepare
    const typed = 'Mon–Fri 9:00–17:00; Sat 10:00 - 13:00; Tuesday and Thursday 18:00—20:30';

    // Act
    const periods = parseOpeningHours(typed);

    // Assess
    expect(periods).toEqual([
      { days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], opens: '09:00', closes: '17:00' },
      { days: ['Sat'], opens: '10:00', closes: '13:00' },
      { days: ['Tue', 'Thu'], opens: '18:00', closes: '20:30' },
    ]);
  });

  it('should say what to write for text it cannot read', () => {
    // Act
    const result = parseOpeningHours('weekdays 9am to 5pm');

    // Assess
    expect(result).toEqual({ error: expect.stringContaining('Mon–Fri 9:00–17:00') });
    expect(result).toHaveProperty('error', expect.stringContaining('weekdays 9am to 5pm'));
  });

  it('should refuse times that do not exist and closing before opening', () => {
    // Act
    const pastMidnight = parseOpeningHours('Mon 9:00–25:00');
    const closesFirst = parseOpeningHours('Mon 17:00–9:00');
    const daysBackwards = parseOpeningHours('Fri–Mon 9:00–17:00');
    const nothing = parseOpeningHours(' ; ');

    // Assess
    expect(pastMidnight).toHaveProperty('error', expect.stringContaining('24-hour'));
    expect(closesFirst).toHaveProperty('error', expect.stringContaining('after the opening'));
    expect(daysBackwards).toHaveProperty('error');
    expect(nothing).toHaveProperty('error');
  });

  it.each<[Weekday[], string]>([
    [['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], 'Mon–Fri'],
    [['Mon', 'Wed'], 'Mon, Wed'],
    [['Sat', 'Sun'], 'Sat, Sun'],
  ])('should describe the days %j compactly for the public pages, as %s', (days, described) => {
    // Act
    const text = describeDays(days);

    // Assess
    expect(text).toBe(described);
  });
});
