import type { AreaProgress, GoalMeasure, QuarterlyReport } from './quarterly-report.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const numberFormat = new Intl.NumberFormat('en-NZ');
const n = (value: number | null) => (value === null ? '–' : numberFormat.format(value));
const signed = (value: number | null) =>
  value === null ? '–' : value > 0 ? `+${numberFormat.format(value)}` : numberFormat.format(value);

function measureCells(m: GoalMeasure): string {
  return `<td>${n(m.value)}</td><td>${escapeHtml(m.period ?? '–')}</td><td>${signed(m.change)}${
    m.previousPeriod ? ` <span class="muted">since ${escapeHtml(m.previousPeriod)}</span>` : ''
  }</td>`;
}

function areaName(a: AreaProgress, index: number): string {
  return index === 0
    ? `<th scope="row"><strong>${escapeHtml(a.name)}</strong></th>`
    : `<th scope="row">${escapeHtml(a.name)}</th>`;
}

const STYLE = `
  :root { color: #1a1a1a; font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 2rem auto; max-width: 68rem; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 2px solid #0b4f6c; padding-bottom: 0.2rem; }
  .muted { color: #4a4a4a; font-size: 0.9em; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
  th, td { border: 1px solid #9aa5ad; padding: 0.25rem 0.45rem; text-align: right; vertical-align: top; }
  th[scope="row"], th.text, td.text, thead th:first-child { text-align: left; }
  thead th { background: #e8eef2; }
  tbody tr:first-child th, tbody tr:first-child td { background: #f4f7f9; }
  .goal { border-left: 4px solid #0b4f6c; padding-left: 0.6rem; }
  @media print {
    :root { font-size: 9.5pt; }
    body { margin: 0; max-width: none; }
    h2 { break-after: avoid; }
    table { break-inside: auto; }
    tr { break-inside: avoid; }
    thead { display: table-header-group; }
    @page { size: A4 landscape; margin: 12mm; }
  }
`;

/** The quarterly report as a self-contained, printable HTML page: no scripts, no external files. */
export function quarterlyReportHtml(report: QuarterlyReport): string {
  const rows = (cells: (a: AreaProgress) => string) =>
    report.areas.map((a, i) => `<tr>${areaName(a, i)}${cells(a)}</tr>`).join('\n');
  const regionNames = new Map(report.areas.map((a) => [a.id, a.name]));
  const goalWords = Object.fromEntries(report.goals.map((g) => [g.id, g.words]));
  const limited = report.listsLimitedToRegions
    ? `<p class="muted">Lists show your regions only (${escapeHtml(report.listsLimitedToRegions.join(', '))}); figures cover every region.</p>`
    : '';
  const overdue =
    report.overdueActions.length === 0
      ? '<p>No action was overdue at the end of the quarter.</p>'
      : `<table><caption>Actions overdue on ${escapeHtml(report.lastSnapshot)}</caption>
<thead><tr><th scope="col">Region</th><th scope="col" class="text">LEC group</th><th scope="col" class="text">Action</th><th scope="col" class="text">Owner</th><th scope="col">Due</th><th scope="col">Days overdue</th></tr></thead>
<tbody>${report.overdueActions
          .map(
            (a) =>
              `<tr><td class="text">${escapeHtml(regionNames.get(a.regionId) ?? a.regionId)}</td><td class="text">${escapeHtml(a.groupName)}</td><td class="text">${escapeHtml(a.title)}</td><td class="text">${escapeHtml(a.owner)}</td><td>${escapeHtml(a.dueOn)}</td><td>${n(a.daysOverdue)}</td></tr>`,
          )
          .join('\n')}</tbody></table>`;
  const notReporting =
    report.regionsNotReporting.length === 0
      ? '<p>Every region expected to report had reported at the end of the quarter.</p>'
      : `<p>Regions that had not reported in the last two report weeks on ${escapeHtml(report.lastSnapshot)}: ${report.regionsNotReporting
          .map((r) => `${escapeHtml(r.name)} (last report: ${escapeHtml(r.lastWeekReported ?? 'never')})`)
          .join('; ')}.</p>`;

  return `<!doctype html>
<html lang="en-NZ">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Quarterly progress report ${escapeHtml(report.quarter)} – Partnership Records</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Quarterly progress report: ${escapeHtml(report.quarter)}</h1>
<p class="muted">For the National Planning and Co-ordination Group. ${escapeHtml(report.from)} to ${escapeHtml(report.to)};
built from the dashboard snapshots of ${escapeHtml(report.firstSnapshot)} and ${escapeHtml(report.lastSnapshot)}
(${n(report.snapshotsInQuarter)} snapshot${report.snapshotsInQuarter === 1 ? '' : 's'} in the quarter).</p>
${limited}
<h2>Progress against the two goals</h2>
<p class="goal"><strong>2005:</strong> ${escapeHtml(goalWords['2005-youth'])}.<br><strong>2009:</strong> ${escapeHtml(goalWords['2009-all'])}.</p>
<table>
<caption>People not in work or training, latest quarter measured</caption>
<thead><tr><th scope="col">Area</th><th scope="col">Young people (2005 goal: 0)</th><th scope="col">Quarter</th><th scope="col">Change</th><th scope="col">All people (2009 goal)</th><th scope="col">Quarter</th><th scope="col">Change</th></tr></thead>
<tbody>
${rows((a) => `${measureCells(a.youngPeopleNotInWorkOrTraining)}${measureCells(a.peopleNotInWorkOrTraining)}`)}
</tbody>
</table>
<h2>Strategies and partnership</h2>
<table>
<caption>Strategies started and completed in ${escapeHtml(report.quarter)}</caption>
<thead><tr><th scope="col">Area</th><th scope="col">Taskforce member councils</th><th scope="col">With agreed expectations</th><th scope="col">Started</th><th scope="col">Completed</th><th scope="col">Active at start</th><th scope="col">Active at end</th><th scope="col">People into work or training</th><th scope="col">Young people among them</th></tr></thead>
<tbody>
${rows(
  (a) =>
    `<td>${n(a.taskforceMembers)}</td><td>${n(a.councilsWithAgreedExpectations)}</td><td>${n(a.strategiesStarted)}</td><td>${n(a.strategiesCompleted)}</td><td>${n(a.strategiesActiveAtStart)}</td><td>${n(a.strategiesActiveAtEnd)}</td><td>${signed(a.peopleIntoWorkOrTrainingInQuarter)}</td><td>${signed(a.youngPeopleIntoWorkOrTrainingInQuarter)}</td>`,
)}
</tbody>
</table>
<h2>Good practice and accountability</h2>
<table>
<caption>Good practice added and actions overdue</caption>
<thead><tr><th scope="col">Area</th><th scope="col">Good practice added</th><th scope="col">Actions overdue at start</th><th scope="col">Actions overdue at end</th></tr></thead>
<tbody>
${rows((a) => `<td>${n(a.practicesAdded)}</td><td>${n(a.actionsOverdueAtStart)}</td><td>${n(a.actionsOverdueAtEnd)}</td>`)}
</tbody>
</table>
${overdue}
<h2>Weekly reporting</h2>
${notReporting}
</main>
</body>
</html>
`;
}
