/**
 * Opening hours as staff type them in a sheet cell ("Mon–Fri 9:00–17:00; Sat 10:00–13:00"),
 * parsed into weekly periods, so the public pages can print them and the HSDS export can publish
 * them as schedules (`byday`, `opens_at`, `closes_at`) without a second, structured copy.
 */

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** iCalendar day codes, as HSDS schedules use them. */
export const ICAL_DAYS: Record<Weekday, string> = {
  Mon: 'MO',
  Tue: 'TU',
  Wed: 'WE',
  Thu: 'TH',
  Fri: 'FR',
  Sat: 'SA',
  Sun: 'SU',
};

export interface OpeningPeriod {
  days: Weekday[];
  /** 24-hour "HH:MM". */
  opens: string;
  closes: string;
}

export const OPENING_HOURS_EXAMPLE = 'Mon–Fri 9:00–17:00; Sat 10:00–13:00';

const DASH = '[-–—]';
const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*';
const TIME = '(\\d{1,2}):(\\d{2})';
const PERIOD_RE = new RegExp(`^(.+?)\\s+${TIME}\\s*${DASH}\\s*${TIME}$`, 'i');
const DAY_RANGE_RE = new RegExp(`^${DAY}\\s*(?:${DASH}\\s*${DAY})?$`, 'i');

function canonicalDay(word: string): Weekday | undefined {
  const short = word.slice(0, 3).toLowerCase();
  return WEEKDAYS.find((d) => d.toLowerCase() === short);
}

function time(hours: string, minutes: string): string | undefined {
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 24 || m > 59 || (h === 24 && m > 0)) return undefined;
  return `${String(h).padStart(2, '0')}:${minutes}`;
}

function parseDays(text: string): Weekday[] | undefined {
  const days: Weekday[] = [];
  for (const part of text.split(/\s*,\s*|\s+and\s+|\s*&\s*/i)) {
    const match = DAY_RANGE_RE.exec(part.trim());
    if (!match) return undefined;
    const from = canonicalDay(match[1]!);
    const to = match[2] ? canonicalDay(match[2]) : from;
    if (!from || !to) return undefined;
    const start = WEEKDAYS.indexOf(from);
    const end = WEEKDAYS.indexOf(to);
    if (end < start) return undefined;
    days.push(...WEEKDAYS.slice(start, end + 1));
  }
  return days;
}

/** The periods of an opening-hours text, or a sentence saying what is wrong with it. */
export function parseOpeningHours(text: string): OpeningPeriod[] | { error: string } {
  const periods: OpeningPeriod[] = [];
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (!part) continue;
    const match = PERIOD_RE.exec(part);
    const days = match ? parseDays(match[1]!) : undefined;
    if (!match || !days) {
      return { error: `could not read "${part}"; write days and times like "${OPENING_HOURS_EXAMPLE}"` };
    }
    const opens = time(match[2]!, match[3]!);
    const closes = time(match[4]!, match[5]!);
    if (!opens || !closes)
      return { error: `"${part}" has a time that does not exist; use 24-hour times like 17:30` };
    if (closes <= opens) return { error: `in "${part}" the closing time must come after the opening time` };
    periods.push({ days, opens, closes });
  }
  if (periods.length === 0) return { error: `expected days and times like "${OPENING_HOURS_EXAMPLE}"` };
  return periods;
}

/** "Mon–Fri", "Sat", "Mon, Wed" for a list of days. */
export function describeDays(days: Weekday[]): string {
  const indexes = days.map((d) => WEEKDAYS.indexOf(d));
  const contiguous = indexes.every((n, i) => i === 0 || n === indexes[i - 1]! + 1);
  if (days.length > 2 && contiguous) return `${days[0]}–${days[days.length - 1]}`;
  return days.join(', ');
}
