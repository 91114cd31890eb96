import { describe, expect, it } from 'vitest';
import { describeDays, parseOpeningHours } from '../../../functions/records/opening-hours.ts';

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
    // Act and assess
    expect(parseOpeningHours('Mon 9:00–25:00')).toHaveProperty('error', expect.stringContaining('24-hour'));
    expect(parseOpeningHours('Mon 17:00–9:00')).toHaveProperty(
      'error',
      expect.stringContaining('after the opening'),
    );
    expect(parseOpeningHours('Fri–Mon 9:00–17:00')).toHaveProperty('error');
    expect(parseOpeningHours(' ; ')).toHaveProperty('error');
  });

  it('should describe days compactly for the public pages', () => {
    // Act and assess
    expect(describeDays(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])).toBe('Mon–Fri');
    expect(describeDays(['Mon', 'Wed'])).toBe('Mon, Wed');
    expect(describeDays(['Sat', 'Sun'])).toBe('Sat, Sun');
  });
});
