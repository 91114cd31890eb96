import { newZealandDate } from '../domain/new-zealand-day.ts';
import type { StoredValuesOf } from '../records/definition.ts';
import type { action } from '../records/types/action.ts';
import type { agreement } from '../records/types/agreement.ts';
import type { council } from '../records/types/council.ts';
import type { StrategyStatus, strategy } from '../records/types/strategy.ts';
import { addDays, mondayOf, quarterOf, quartersEnding, weeksEnding } from './calendar.ts';
import { LIST_ITEMS_PER_REGION, TREND_QUARTERS, TREND_WEEKS } from './snapshot-schema.ts';

/**
 * What "as of a date" means for the rollups. A snapshot describes the records as they stood on its
 * date, reconstructed from the records' own dates (week starting, start and completion dates,
 * agreement dates, indicator periods…), so that a snapshot for a past date — a re-run or a
 * backfill — shows what the records say about that date. Where a record carries no date for a
 * change (a strategy discontinued, publicity acknowledged), its current state stands in: see
 * docs/dashboard.md, "As-of dates".
 */
export interface AsOf {
  date: string;
  /** The Monday of the date's week, and the Monday before: the weeks that count as "reported". */
  reportWeek: string;
  previousReportWeek: string;
  /** The trend window of report weeks, oldest first. */
  weeks: string[];
  quarter: string;
  /** The trend window of quarters, oldest first. */
  quarters: string[];
  /** Plans reviewed on or after this date count as reviewed in the last year. */
  planReviewWindowFrom: string;
  listItemsPerRegion: number;
}

export function asOf(date: string): AsOf {
  const reportWeek = mondayOf(date);
  const quarter = quarterOf(date);
  return {
    date,
    reportWeek,
    previousReportWeek: addDays(reportWeek, -7),
    weeks: weeksEnding(date, TREND_WEEKS),
    quarter,
    quarters: quartersEnding(quarter, TREND_QUARTERS),
    planReviewWindowFrom: addDays(date, -365),
    listItemsPerRegion: LIST_ITEMS_PER_REGION,
  };
}

const onOrBefore = (value: unknown, date: string) => typeof value === 'string' && value <= date;

/** A date field that is absent counts as "always": the record is taken to have existed. */
export const startedBy = (value: unknown, date: string) => value === undefined || onOrBefore(value, date);

/**
 * A strategy's status on `date`: completed once its completion date has passed, active once its
 * start date has, proposed before. Proposed and discontinued strategies carry no dates, so they
 * keep their current status.
 */
export function strategyStatusOn(values: StoredValuesOf<typeof strategy>, date: string): StrategyStatus {
  const status = values.status;
  if (status === 'proposed' || status === 'discontinued') return status;
  if (status === 'completed' && onOrBefore(values.completedOn, date)) return 'completed';
  if (onOrBefore(values.startedOn, date)) return 'active';
  return 'proposed';
}

/** An action is open on `date` unless cancelled, or done on or before that date. */
export function actionOpenOn(values: StoredValuesOf<typeof action>, date: string): boolean {
  if (values.status === 'cancelled') return false;
  if (values.status === 'done') return !onOrBefore(values.completedOn, date);
  return true;
}

export function isAgreedOn(values: StoredValuesOf<typeof agreement>, date: string): boolean {
  return values.status === 'agreed' && startedBy(values.agreedOn, date);
}

export function isTaskforceMemberOn(values: StoredValuesOf<typeof council>, date: string): boolean {
  return values.taskforceMember === true && startedBy(values.memberSince, date);
}

/** The New Zealand date of a timestamp, for records whose only date is when they were created. */
export function newZealandDay(timestamp: string): string {
  return newZealandDate(new Date(timestamp));
}
