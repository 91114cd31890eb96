import type { WeeklyReport } from '../../../functions/reports/weekly-report.ts';

export type ReportCell = string | number;

const WEEKLY_REPORT_HEADER = ['Adviser', 'Project', 'Funding', 'Council', 'Kind', 'Hours', 'Summary'];

/** A name for the tab, short enough for a sheet name: "Weekly report Canterbury 2026-11-16". */
export function weeklyReportTabName(report: WeeklyReport): string {
  const who = report.kind === 'adviser' ? (report.advisers[0]?.adviser ?? 'adviser') : report.region;
  return `Weekly report ${who} ${report.week}`.slice(0, 95);
}

/**
 * The report as rows of one rectangular grid: a title, the column headings, one row per activity
 * (each Taskforce council's work as the non-funded project "MTFJ <council>"), each adviser's total,
 * then the hours per project. Summaries that look like formulas are left to the writer, which
 * writes every cell as plain text or a number.
 */
export function weeklyReportRows(report: WeeklyReport): ReportCell[][] {
  const width = WEEKLY_REPORT_HEADER.length;
  const row = (...cells: ReportCell[]) => [...cells, ...Array(width - cells.length).fill('')];
  const rows: ReportCell[][] = [
    row(
      report.kind === 'adviser'
        ? `Weekly report: ${report.advisers[0]?.adviser ?? ''}, week ${report.week} to ${report.weekEnding}`
        : `Weekly report: ${report.region}, week ${report.week} to ${report.weekEnding}`,
    ),
    row(
      `${report.activityCount} ${report.activityCount === 1 ? 'activity' : 'activities'}, ${report.totalHours} hours`,
    ),
    WEEKLY_REPORT_HEADER,
  ];
  for (const adviser of report.advisers) {
    if (adviser.lines.length === 0) {
      rows.push(row(adviser.adviser, 'No activities recorded for this week'));
      continue;
    }
    for (const line of adviser.lines) {
      rows.push(
        row(adviser.adviser, line.project, 'Non-funded', line.council, line.kind, line.hours, line.summary),
      );
    }
    rows.push(row(`${adviser.adviser}: total`, '', '', '', '', adviser.totalHours));
  }
  rows.push(row(''), row('Hours per project'));
  for (const project of report.projects)
    rows.push(row('', project.project, 'Non-funded', '', '', project.hours));
  return rows;
}
