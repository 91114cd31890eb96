/**
 * Calendar helpers for the demo data: the date arithmetic is the aggregation's own (so demo weeks
 * and quarters are exactly the ones the dashboard counts), plus the few shapes the generator needs.
 */
import {
  previousQuarter,
  quarterOf,
  quarterRange,
  quartersEnding,
} from '../../functions/aggregate/calendar.ts';

export { addDays, daysBetween, mondayOf } from '../../functions/aggregate/calendar.ts';

/** The first and last days of a quarter. */
export function quarterBounds(quarter: string): { start: string; end: string } {
  const { from, to } = quarterRange(quarter);
  return { start: from, end: to };
}

/** The `count` whole quarters before the one `date` falls in, oldest first. */
export function quartersBefore(date: string, count: number): string[] {
  return quartersEnding(previousQuarter(quarterOf(date)), count);
}

/** The 1 July to 30 June year that ended most recently before `date` (New Zealand's financial year). */
export function lastFinancialYear(date: string): { start: string; end: string } {
  const year = Number(date.slice(0, 4));
  const endYear = date >= `${year}-07-01` ? year : year - 1;
  return { start: `${endYear - 1}-07-01`, end: `${endYear}-06-30` };
}
