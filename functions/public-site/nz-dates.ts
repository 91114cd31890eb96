import { newZealandDate } from '../domain/new-zealand-day.ts';

const LONG = new Intl.DateTimeFormat('en-NZ', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "26 November 2026" for a YYYY-MM-DD day (or the day of a timestamp, in New Zealand). */
export function longDate(value: string): string {
  const day = value.length === 10 ? value : newZealandDate(new Date(value));
  return LONG.format(new Date(`${day}T00:00:00Z`));
}
