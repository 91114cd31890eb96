/** Date arithmetic on ISO calendar dates (YYYY-MM-DD), in UTC so no time zone can shift a day. */

const DAY_MS = 86_400_000;

function toTime(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(time)) throw new Error(`expected a date like 2026-03-01, got "${date}"`);
  return time;
}

function fromTime(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS);
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  const weekday = new Date(toTime(date)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The quarter a date falls in, like `2026-Q1`. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The first and last days of a quarter. */
export function quarterBounds(quarter: string): { start: string; end: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const nextStart = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(nextStart, -1) };
}

/** The `count` whole quarters before the one `date` falls in, oldest first. */
export function quartersBefore(date: string, count: number): string[] {
  const quarters: string[] = [];
  let day = addDays(quarterBounds(quarterOf(date)).start, -1);
  for (let i = 0; i < count; i++) {
    const quarter = quarterOf(day);
    quarters.unshift(quarter);
    day = addDays(quarterBounds(quarter).start, -1);
  }
  return quarters;
}

/** The 1 July to 30 June year that ended most recently before `date` (New Zealand's financial year). */
export function lastFinancialYear(date: string): { start: string; end: string } {
  const year = Number(date.slice(0, 4));
  const endYear = date >= `${year}-07-01` ? year : year - 1;
  return { start: `${endYear - 1}-07-01`, end: `${endYear}-06-30` };
}
