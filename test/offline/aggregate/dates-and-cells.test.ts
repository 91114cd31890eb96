import { describe, expect, it } from 'vitest';
import {
  mondayOf,
  quarterOf,
  quarterRange,
  quartersEnding,
  weeksEnding,
} from '../../../functions/aggregate/calendar.ts';
import { csvCell, toCsv } from '../../../functions/aggregate/csv.ts';
import { BadAggregationEventError, snapshotDateFor } from '../../../functions/aggregate/nightly-run.ts';

describe('the date a nightly run builds', () => {
  it('should take the New Zealand date of the scheduled time, in daylight saving and out of it', () => {
    // Act and assess: 02:00 NZDT (UTC+13) and 02:00 NZST (UTC+12) are the previous day in UTC.
    expect(snapshotDateFor({ source: 'nightly-schedule', scheduledTime: '2026-11-22T13:00:00Z' })).toBe(
      '2026-11-23',
    );
    expect(snapshotDateFor({ source: 'nightly-schedule', scheduledTime: '2026-06-30T14:00:00Z' })).toBe(
      '2026-07-01',
    );
  });

  it("should prefer the event's date, and otherwise use today in New Zealand", () => {
    // Act and assess
    expect(snapshotDateFor({ date: '2026-11-18', scheduledTime: '2026-11-22T13:00:00Z' })).toBe('2026-11-18');
    expect(snapshotDateFor(undefined, new Date('2026-12-31T12:30:00Z'))).toBe('2027-01-01');
  });

  it('should refuse an event whose date or scheduled time cannot be read, saying what it got', () => {
    // Act and assess
    expect(() => snapshotDateFor({ date: '18/11/2026' })).toThrow(BadAggregationEventError);
    expect(() => snapshotDateFor({ date: '18/11/2026' })).toThrow('got "18/11/2026"');
    expect(() => snapshotDateFor({ scheduledTime: 'soon' })).toThrow(/"scheduledTime" is not a timestamp/);
  });
});

describe('report weeks and quarters', () => {
  it('should start report weeks on Mondays and count twelve of them up to the date', () => {
    // Act and assess
    expect(mondayOf('2026-11-18')).toBe('2026-11-16');
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(weeksEnding('2026-11-18', 12)).toHaveLength(12);
    expect(weeksEnding('2026-11-18', 2)).toEqual(['2026-11-09', '2026-11-16']);
  });

  it('should name quarters and their first and last days, across year ends and leap years', () => {
    // Act and assess
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterRange('2028-Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterRange('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(quartersEnding('2027-Q1', 3)).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
  });
});

describe('CSV cells', () => {
  it('should disarm anything a spreadsheet would run as a formula', () => {
    // Act and assess
    expect(['=1+1', '+64 3 555 0100', '-2', '@SUM(A1)', '\tx'].map(csvCell)).toEqual([
      "'=1+1",
      "'+64 3 555 0100",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
    ]);
    expect(csvCell(-2)).toBe('-2');
  });

  it('should quote commas, quotes, line breaks and edge spaces, and leave plain text alone', () => {
    // Act and assess
    expect(csvCell('Ōtautahi, Christchurch')).toBe('"Ōtautahi, Christchurch"');
    expect(csvCell('the "youth" plan')).toBe('"the ""youth"" plan"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('Whanganui')).toBe('Whanganui');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('should write a header, CRLF line ends and a byte-order mark', () => {
    // Act
    const csv = toCsv(['region', 'hours'], [['Manawatū-Whanganui', 7.75]]);
    // Assess
    expect(csv).toBe('\uFEFFregion,hours\r\nManawatū-Whanganui,7.75\r\n');
  });
});
