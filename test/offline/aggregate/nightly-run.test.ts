import { describe, expect, it } from 'vitest';
import { snapshotDateFor } from '../../../functions/aggregate/nightly-run.ts';
import { BadScheduledEventError } from '../../../functions/domain/new-zealand-day.ts';

describe('the date a nightly run builds', () => {
  // 02:00 NZDT (UTC+13) and 02:00 NZST (UTC+12) are the previous day in UTC.
  it.each([
    ['in daylight saving', '2026-11-22T13:00:00Z', '2026-11-23'],
    ['out of it', '2026-06-30T14:00:00Z', '2026-07-01'],
  ])('should take the New Zealand date of the scheduled time, %s', (_case, scheduledTime, date) => {
    // Act
    const built = snapshotDateFor({ source: 'nightly-schedule', scheduledTime });

    // Assess
    expect(built).toBe(date);
  });

  it("should prefer the event's date, and otherwise use today in New Zealand", () => {
    // Act
    const named = snapshotDateFor({ date: '2026-11-18', scheduledTime: '2026-11-22T13:00:00Z' });
    const today = snapshotDateFor(undefined, new Date('2026-12-31T12:30:00Z'));

    // Assess
    expect(named).toBe('2026-11-18');
    expect(today).toBe('2027-01-01');
  });

  it('should refuse an event whose date or scheduled time cannot be read, saying what it got', () => {
    // Act
    const badDate = () => snapshotDateFor({ date: '18/11/2026' });
    const badTime = () => snapshotDateFor({ scheduledTime: 'soon' });

    // Assess
    expect(badDate).toThrow(BadScheduledEventError);
    expect(badDate).toThrow('got "18/11/2026"');
    expect(badTime).toThrow(/"scheduledTime" is not a timestamp/);
  });
});
