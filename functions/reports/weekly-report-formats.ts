import { type Cell, toCsv } from '../aggregate/csv.ts';
import { escapeHtml } from '../html/escape-html.ts';
import { dateInWords } from '../reminders/planner.ts';
import type { WeeklyReport } from './weekly-report.ts';

const WEEKLY_REPORT_COLUMNS = [
  'week_starting',
  'adviser',
  'adviser_id',
  'project',
  'non_funded',
  'council',
  'kind',
  'hours',
  'summary',
  'activity_id',
];

/** One row per activity, as a sheet or a spreadsheet program reads it. */
function weeklyReportRows(report: WeeklyReport): Cell[][] {
  return report.advisers.flatMap((a) =>
    a.lines.map((l) => [
      report.week,
      a.adviser,
      a.adviserId,
      l.project,
      l.nonFunded,
      l.council,
      l.kind,
      l.hours,
      l.summary,
      l.activityId,
    ]),
  );
}

export function weeklyReportCsv(report: WeeklyReport): string {
  return toCsv(WEEKLY_REPORT_COLUMNS, weeklyReportRows(report));
}

const hours = (h: number) => h.toLocaleString('en-NZ', { maximumFractionDigits: 2 });

function titleOf(report: WeeklyReport): string {
  const who = report.kind === 'adviser' ? report.advisers[0]!.adviser : report.region;
  return `Weekly report: ${who}, week starting ${dateInWords(report.week)} ${report.week.slice(0, 4)}`;
}

/** A printable page: the week's work per adviser, each Taskforce council as "MTFJ <council>". */
export function weeklyReportHtml(report: WeeklyReport): string {
  const sections = report.advisers
    .map((a) => {
      const heading = report.kind === 'region' ? `<h2>${escapeHtml(a.adviser)}</h2>` : '';
      if (a.lines.length === 0) return `${heading}<p>No activities recorded for this week.</p>`;
      const rows = a.lines
        .map(
          (l) =>
            `<tr><td>${escapeHtml(l.project)}</td><td>Non-funded</td><td>${escapeHtml(l.kind)}</td><td class="n">${hours(l.hours)}</td><td>${escapeHtml(l.summary)}</td></tr>`,
        )
        .join('\n');
      const totals = a.projects.map((p) => `${escapeHtml(p.project)}: ${hours(p.hours)} h`).join('; ');
      return `${heading}<table><thead><tr><th scope="col">Project</th><th scope="col">Funding</th><th scope="col">Kind</th><th scope="col" class="n">Hours</th><th scope="col">Summary</th></tr></thead><tbody>
${rows}</tbody><tfoot><tr><th scope="row" colspan="3">Total</th><td class="n">${hours(a.totalHours)}</td><td>${totals}</td></tr></tfoot></table>`;
    })
    .join('\n');
  const summary =
    report.kind === 'region'
      ? `<p>${report.activityCount} activities, ${hours(report.totalHours)} hours by ${report.advisers.filter((a) => a.lines.length > 0).length} of ${report.advisers.length} advisers.</p>`
      : `<p>${escapeHtml(report.region)} region. ${report.activityCount} activities, ${hours(report.totalHours)} hours.</p>`;
  const title = titleOf(report);
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}.n{text-align:right}thead{background:#eee}
@media print{body{margin:0}@page{size:A4 landscape;margin:12mm}thead{display:table-header-group}}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>Week of ${escapeHtml(report.week)} to ${escapeHtml(report.weekEnding)}. Work with a Taskforce mayor is recorded as the non-funded project "MTFJ &lt;council&gt;".</p>
${summary}
${sections}</main></body></html>`;
}
