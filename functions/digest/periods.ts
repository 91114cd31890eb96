import { addDays, daysBetween } from '../aggregate/calendar.ts';
import { newZealandDate } from '../domain/new-zealand-day.ts';
import type { DigestFrequency } from '../records/types/lec-group.ts';

/**
 * Digest periods, in New Zealand days: a calendar month, or a fortnight counted from a fixed
 * Monday. A member gets at most one digest of a group per period; the period's start is the
 * sent log's key, so a rerun or retry in the same period finds it.
 */
export interface DigestPeriod {
  frequency: DigestFrequency;
  /** First day, YYYY-MM-DD (New Zealand). */
  start: string;
  /** Last day, inclusive. */
  end: string;
  /** The period before: a first digest tells what is new since its start. */
  previousStart: string;
  /** "December 2026", "the fortnight from 30 November 2026". */
  label: string;
}

/** Fortnights start on the Mondays an even number of weeks from this one. */
const FORTNIGHT_ANCHOR = '2024-01-01';

const MONTH_YEAR = new Intl.DateTimeFormat('en-NZ', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-NZ', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function monthStart(day: string, monthsAhead = 0): string {
  const d = utc(day);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsAhead, 1)).toISOString().slice(0, 10);
}

/** The period of `frequency` that contains the New Zealand day `today`. */
export function digestPeriod(frequency: DigestFrequency, today: string): DigestPeriod {
  if (frequency === 'fortnightly') {
    const index = Math.floor(daysBetween(FORTNIGHT_ANCHOR, today) / 14);
    const start = addDays(FORTNIGHT_ANCHOR, index * 14);
    return {
      frequency,
      start,
      end: addDays(start, 13),
      previousStart: addDays(start, -14),
      label: `the fortnight from ${DAY_MONTH_YEAR.format(utc(start))}`,
    };
  }
  const start = monthStart(today);
  return {
    frequency,
    start,
    end: addDays(monthStart(today, 1), -1),
    previousStart: monthStart(today, -1),
    label: MONTH_YEAR.format(utc(start)),
  };
}

/**
 * The instant a New Zealand day begins (00:00 NZST or NZDT), as an ISO timestamp, so "new since
 * the start of last month" compares with the records' UTC timestamps across daylight saving.
 */
export function newZealandMidnight(day: string): string {
  for (const offset of ['+13:00', '+12:00']) {
    const instant = new Date(`${day}T00:00:00${offset}`);
    if (newZealandDate(instant) === day) return instant.toISOString();
  }
  throw new Error(`No New Zealand midnight found for ${day}`);
}
