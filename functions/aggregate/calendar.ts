/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) for the rollups. Dates are handled as UTC
 * midnights so that adding days never trips over daylight saving. "Today", which is taken in
 * New Zealand time, is functions/domain/new-zealand-day.ts's.
 */

const DAY_MS = 86_400_000;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

function toTime(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromTime(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** The Monday on or before `date`: the start of its report week. */
export function mondayOf(date: string): string {
  const weekday = new Date(toTime(date)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The `count` report weeks ending with the week of `date`, oldest first. */
export function weeksEnding(date: string, count: number): string[] {
  const last = mondayOf(date);
  return Array.from({ length: count }, (_, i) => addDays(last, -7 * (count - 1 - i)));
}

/** The quarter a date falls in, like `2026-Q3`. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function isQuarter(value: string): boolean {
  return QUARTER_RE.test(value);
}

/** First and last day of a quarter. */
export function quarterRange(quarter: string): { from: string; to: string } {
  const match = QUARTER_RE.exec(quarter);
  if (!match) throw new Error(`expected a quarter like 2026-Q3, got ${quarter}`);
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 3;
  const from = fromTime(Date.UTC(year, first, 1));
  const to = fromTime(Date.UTC(year, first + 3, 1) - DAY_MS);
  return { from, to };
}

/** The quarter before `quarter`. */
export function previousQuarter(quarter: string): string {
  return quarterOf(addDays(quarterRange(quarter).from, -1));
}

/** The `count` quarters ending with `quarter`, oldest first. */
export function quartersEnding(quarter: string, count: number): string[] {
  const result = [quarter];
  while (result.length < count) result.unshift(previousQuarter(result[0]!));
  return result;
}
