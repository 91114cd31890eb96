import { escapeHtml } from '../html/escape-html.ts';
import type { AreaProgress, GoalMeasure, QuarterlyReport } from './quarterly-report.ts';

const numbers = new Intl.NumberFormat('en-NZ');
const n = (value: number | null) => (value === null ? '–' : numbers.format(value));
const signed = (value: number | null) => (value !== null && value > 0 ? `+${n(value)}` : n(value));

// Kept short: this page ships inside the API function's bundle.
const STYLE =
  ':root{color:#1a1a1a;font:11pt/1.45 system-ui,sans-serif}body{margin:2rem auto;max-width:68rem;padding:0 1rem}' +
  'h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #0b4f6c}.muted{color:#4a4a4a;font-size:.9em}' +
  'table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.3rem 0}' +
  'th,td{border:1px solid #9aa5ad;padding:.25rem .45rem;text-align:right;vertical-align:top}.t{text-align:left}' +
  'thead th{background:#e8eef2}tbody tr:first-child>*{background:#f4f7f9}.goal{border-left:4px solid #0b4f6c;padding-left:.6rem}' +
  '@media print{:root{font-size:9.5pt}body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}' +
  'thead{display:table-header-group}@page{size:A4 landscape;margin:12mm}}';

/** Columns whose title starts with "~" hold text (left-aligned); the rest hold numbers. */
function table(caption: string, columns: string[], rows: string[][]): string {
  const align = (i: number) => (columns[i]!.startsWith('~') ? ' class="t"' : '');
  const head = columns
    .map((c, i) => `<th scope="col"${align(i)}>${escapeHtml(c.replace(/^~/, ''))}</th>`)
    .join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row" class="t">${cell}</th>` : `<td${align(i)}>${cell}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const measure = (m: GoalMeasure) => [
  n(m.value),
  escapeHtml(m.period ?? '–'),
  `${signed(m.change)}${m.previousPeriod ? ` <span class="muted">since ${escapeHtml(m.previousPeriod)}</span>` : ''}`,
];

/** The quarterly report as a self-contained, printable HTML page: no scripts, no external files. */
export function quarterlyReportHtml(report: QuarterlyReport): string {
  const perArea = (cells: (a: AreaProgress) => string[]) =>
    report.areas.map((a) => [escapeHtml(a.name), ...cells(a)]);
  const regionNames = new Map(report.areas.map((a) => [a.id, a.name]));
  const goals = report.goals
    .map((g) => `<strong>${escapeHtml(g.id.slice(0, 4))}:</strong> ${escapeHtml(g.words)}.`)
    .join('<br>');
  const { quarter, lastSnapshot: last } = report;
  const limited = report.listsLimitedToRegions
    ? `<p class="muted">Lists show your regions only (${escapeHtml(report.listsLimitedToRegions.join(', '))}); figures cover every region.</p>`
    : '';
  const overdue =
    report.overdueActions.length === 0
      ? '<p>No action was overdue at the end of the quarter.</p>'
      : table(
          `Actions overdue on ${last}`,
          ['~Region', '~LEC group', '~Action', '~Owner', 'Due', 'Days overdue'],
          report.overdueActions.map((a) =>
            [regionNames.get(a.regionId) ?? a.regionId, a.groupName, a.title, a.owner, a.dueOn]
              .map(escapeHtml)
              .concat(n(a.daysOverdue)),
          ),
        );
  const notReporting =
    report.regionsNotReporting.length === 0
      ? 'Every region expected to report had reported at the end of the quarter.'
      : `Regions that had not reported in the last two report weeks on ${escapeHtml(last)}: ${report.regionsNotReporting
          .map((r) => `${escapeHtml(r.name)} (last report: ${escapeHtml(r.lastWeekReported ?? 'never')})`)
          .join('; ')}.`;

  return `<!doctype html>
<html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>Quarterly progress report ${escapeHtml(quarter)} – Partnership Records</title>
<style>${STYLE}</style></head>
<body><main>
<h1>Quarterly progress report: ${escapeHtml(quarter)}</h1>
<p class="muted">For the National Planning and Co-ordination Group. ${escapeHtml(report.from)} to ${escapeHtml(report.to)};
built from the dashboard snapshots of ${escapeHtml(report.firstSnapshot)} and ${escapeHtml(last)}
(${n(report.snapshotsInQuarter)} snapshot${report.snapshotsInQuarter === 1 ? '' : 's'} in the quarter).</p>
${limited}
<h2>Progress against the two goals</h2>
<p class="goal">${goals}</p>
${table(
  'People not in work or training, latest quarter measured',
  [
    '~Area',
    'Young people (2005 goal: 0)',
    'Quarter',
    'Change',
    'All people (2009 goal)',
    'Quarter',
    'Change',
  ],
  perArea((a) => [...measure(a.youngPeopleNotInWorkOrTraining), ...measure(a.peopleNotInWorkOrTraining)]),
)}
<h2>Strategies and partnership</h2>
${table(
  `Strategies started and completed in ${quarter}`,
  [
    '~Area',
    'Taskforce member councils',
    'With agreed expectations',
    'Started',
    'Completed',
    'Active at start',
    'Active at end',
    'People into work or training',
    'Young people among them',
  ],
  perArea((a) => [
    ...[
      a.taskforceMembers,
      a.councilsWithAgreedExpectations,
      a.strategiesStarted,
      a.strategiesCompleted,
      a.strategiesActiveAtStart,
      a.strategiesActiveAtEnd,
    ].map(n),
    signed(a.peopleIntoWorkOrTrainingInQuarter),
    signed(a.youngPeopleIntoWorkOrTrainingInQuarter),
  ]),
)}
<h2>Good practice and accountability</h2>
${table(
  'Good practice added and actions overdue',
  ['~Area', 'Good practice added', 'Actions overdue at start', 'Actions overdue at end'],
  perArea((a) => [a.practicesAdded, a.actionsOverdueAtStart, a.actionsOverdueAtEnd].map(n)),
)}
${overdue}
<h2>Weekly reporting</h2>
<p>${notReporting}</p>
</main></body></html>
`;
}
