import type { Named } from '../../../data/name-matching.ts';
import { isIsoDate } from '../../../functions/domain/iso-date.ts';
import { type DateOrder, type Resolved, resolveDate, resolveName } from '../sheet/input-resolution.ts';
import { type ReportCell, weeklyReportRows, weeklyReportTabName } from '../sheet/weekly-report-rows.ts';
import { ApiClient } from './api-client.ts';
import type { Environment } from './ports.ts';
import { DocumentState } from './settings.ts';
import { UserFacingError } from './user-facing-error.ts';

/** Where the report goes: a tab of its own, replaced whole each time. */
export type ReportTabWriter = (name: string, rows: ReportCell[][]) => void;

export interface WeeklyReportRequest {
  /** "canterbury", "region canterbury", "adviser adv-123"; the settings' region when empty. */
  who?: string;
  /** The Monday; last week when empty. */
  week?: string;
}

/** The Lists tab and the locale's date order, to read names and dates the way they were typed. */
export interface ReportContext {
  lists: ReadonlyMap<string, readonly Named[]>;
  dateOrder?: DateOrder;
}

function resolved(result: Resolved, what: string): string {
  if ('problem' in result) throw new UserFacingError(`${what}: ${result.problem}.`);
  return String(result.value);
}

/**
 * Reads what the person typed: who ("canterbury", "region Canterbury", "adviser Jane Smith" or
 * an adviser's id) and which week (its Monday, as 2026-11-16 or the way the spreadsheet's locale
 * writes dates, 16/11/2026 in New Zealand).
 */
export function parseWeeklyReportRequest(
  input: WeeklyReportRequest,
  settingsRegion: string,
  context: ReportContext = { lists: new Map() },
): { adviserId?: string; regionId?: string; week?: string } {
  const typedWeek = input.week?.trim() || undefined;
  const read = typedWeek ? resolveDate(typedWeek, context.dateOrder) : undefined;
  const week = read && 'value' in read ? String(read.value) : undefined;
  if (typedWeek && (!week || !isIsoDate(week))) {
    const why = read && 'problem' in read ? ` (${read.problem})` : '';
    throw new UserFacingError(
      `Give the week as the date of its Monday, like 2026-11-16, not "${typedWeek}"${why}.`,
    );
  }
  const words = (input.who ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    if (!settingsRegion) {
      throw new UserFacingError('Name a region or an adviser: this spreadsheet pulls every region.');
    }
    return { regionId: settingsRegion, week };
  }
  const [first, ...rest] = words;
  const lead = first!.toLowerCase();
  if (lead === 'adviser' && rest.length > 0) {
    const adviser = resolveName(rest.join(' '), 'adviser', context.lists.get('adviser'));
    return { adviserId: resolved(adviser, 'The adviser'), week };
  }
  const region = resolveName(
    lead === 'region' && rest.length > 0 ? rest.join(' ') : words.join(' '),
    'region',
    context.lists.get('region'),
  );
  return { regionId: resolved(region, 'The region'), week };
}

/** Pulls an adviser's or a region's weekly report into its own tab, and says what it wrote. */
export function pullWeeklyReport(
  env: Environment,
  writeTab: ReportTabWriter,
  input: WeeklyReportRequest,
  lists: ReadonlyMap<string, readonly Named[]> = new Map(),
): { summary: string; tab: string } {
  const settings = new DocumentState(env.documentStore).settings();
  if (!settings) {
    throw new UserFacingError(
      'Open Settings in the Partnership Records sidebar and enter the API address first.',
    );
  }
  const query = parseWeeklyReportRequest(input, settings.regionId, { lists, dateOrder: env.dateOrder });
  const report = new ApiClient(env.http, settings.apiUrl, () => env.token()).weeklyReport(query);
  const tab = weeklyReportTabName(report);
  writeTab(tab, weeklyReportRows(report));
  return {
    tab,
    summary: `Wrote the weekly report for the week starting ${report.week} into the tab "${tab}": ${report.activityCount} activities, ${report.totalHours} hours.`,
  };
}
