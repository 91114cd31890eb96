import { describe, expect, it } from 'vitest';
import {
  mondayOf,
  quarterOf,
  quarterRange,
  quartersEnding,
  weeksEnding,
} from '../../../functions/aggregate/calendar.ts';

describe('report weeks', () => {
  it.each([
    ['a Wednesday', '2026-11-18'],
    ['the Monday itself', '2026-11-16'],
    ['the Sunday after', '2026-11-22'],
  ])('should start the report week of %s on its Monday', (_case, date) => {
    // Act
    const monday = mondayOf(date);

    // Assess
    expect(monday).toBe('2026-11-16');
  });

  it('should count the report weeks up to the date, oldest first', () => {
    // Act
    const twelve = weeksEnding('2026-11-18', 12);
    const two = weeksEnding('2026-11-18', 2);

    // Assess
    expect(twelve).toHaveLength(12);
    expect(two).toEqual(['2026-11-09', '2026-11-16']);
  });
});

describe('quarters', () => {
  it('should name the quarter of a date', () => {
    // Act
    const quarter = quarterOf('2026-12-31');

    // Assess
    expect(quarter).toBe('2026-Q4');
  });

  it.each([
    ['2028-Q1', { from: '2028-01-01', to: '2028-03-31' }],
    ['2026-Q3', { from: '2026-07-01', to: '2026-09-30' }],
  ])('should give the first and last days of %s, leap years included', (quarter, range) => {
    // Act
    const days = quarterRange(quarter);

    // Assess
    expect(days).toEqual(range);
  });

  it('should count quarters back across a year end', () => {
    // Act
    const quarters = quartersEnding('2027-Q1', 3);

    // Assess
    expect(quarters).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
  });
});
