import { isIsoDate } from '../../../functions/domain/iso-date.ts';
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

/** Reads what the person typed: who (an adviser or a region) and which week. */
export function parseWeeklyReportRequest(
  input: WeeklyReportRequest,
  settingsRegion: string,
): { adviserId?: string; regionId?: string; week?: string } {
  const week = input.week?.trim() || undefined;
  if (week && !isIsoDate(week)) {
    throw new UserFacingError(`Give the week as the date of its Monday, like 2026-11-16, not "${week}".`);
  }
  const words = (input.who ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    if (!settingsRegion) {
      throw new UserFacingError('Name a region or an adviser: this spreadsheet pulls every region.');
    }
    return { regionId: settingsRegion, week };
  }
  const [first, second] = words;
  if (first === 'adviser' && second) return { adviserId: second, week };
  if (first === 'region' && second) return { regionId: second, week };
  return { regionId: first, week };
}

/** Pulls an adviser's or a region's weekly report into its own tab, and says what it wrote. */
export function pullWeeklyReport(
  env: Environment,
  writeTab: ReportTabWriter,
  input: WeeklyReportRequest,
): { summary: string; tab: string } {
  const settings = new DocumentState(env.documentStore).settings();
  if (!settings) {
    throw new UserFacingError(
      'Open Settings in the Partnership Records sidebar and enter the API address first.',
    );
  }
  const query = parseWeeklyReportRequest(input, settings.regionId);
  const report = new ApiClient(env.http, settings.apiUrl, () => env.token()).weeklyReport(query);
  const tab = weeklyReportTabName(report);
  writeTab(tab, weeklyReportRows(report));
  return {
    tab,
    summary: `Wrote the weekly report for the week starting ${report.week} into the tab "${tab}": ${report.activityCount} activities, ${report.totalHours} hours.`,
  };
}
