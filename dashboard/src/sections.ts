import type { Figures, Snapshot } from '../../functions/aggregate/snapshot-schema.ts';
import { dataTable, el, scrollRegion } from './dom.ts';
import { formatHours, formatLongDate, formatNumber, formatStamp, percent } from './format.ts';

const inArea = <T extends { regionId: string }>(items: T[], area: string) =>
  area === 'national' ? items : items.filter((item) => item.regionId === area);

function figure(label: string, value: string, detail?: string, id?: string): HTMLElement {
  return el(
    'div',
    { class: 'figure', 'data-figure': id },
    el('dt', {}, label),
    el(
      'dd',
      {},
      el('span', { class: 'value' }, value),
      detail ? el('span', { class: 'detail' }, detail) : null,
    ),
  );
}

/** The headline figures of an area, as a description list. */
export function keyFigures(s: Snapshot, f: Figures, area: string): HTMLElement {
  const weeks = f.adviserWork.weeks;
  const thisWeek = weeks.at(-1);
  const lastWeek = weeks.at(-2);
  const periods = f.indicators.periods;
  const latest = periods.at(-1);
  const previous = periods.at(-2);
  const change = (a?: number, b?: number) =>
    a === undefined || b === undefined
      ? undefined
      : `${a - b > 0 ? '+' : ''}${formatNumber(a - b)} since ${previous?.period}`;
  const region = s.regions.find((r) => r.id === area);
  const reporting =
    area === 'national'
      ? figure(
          'Regions not reporting this week',
          formatNumber(s.lists.regionsNotReporting.length),
          `of ${formatNumber(s.regions.filter((r) => r.expectedToReport).length)} expected to report`,
          'regions-not-reporting',
        )
      : figure(
          'Reported this week',
          region?.reportedThisWeek ? 'Yes' : region?.expectedToReport ? 'No' : 'Not expected',
          region?.lastWeekReported
            ? `last report: week of ${formatLongDate(region.lastWeekReported)}`
            : 'no report yet',
          'reported',
        );
  return el(
    'dl',
    { class: 'figures' },
    figure(
      'Taskforce member councils',
      formatNumber(f.councils.taskforceMembers),
      `of ${formatNumber(f.councils.total)} councils`,
      'taskforce-members',
    ),
    figure(
      'Councils with agreed expectations',
      formatNumber(f.councils.withAgreedExpectations),
      `${percent(f.councils.withAgreedExpectations, f.councils.taskforceMembers)} of member councils`,
      'agreed-expectations',
    ),
    figure(
      'Active strategies',
      formatNumber(f.strategies.byStatus.active),
      `of ${formatNumber(f.strategies.total)}; ${formatNumber(f.strategies.jointlySupported)} jointly supported, ${formatNumber(f.strategies.buildsOnExisting)} build on existing work`,
      'active-strategies',
    ),
    figure(
      'Adviser hours last week',
      formatHours(lastWeek?.hours ?? 0),
      `${formatNumber(lastWeek?.activities ?? 0)} activities; this week so far ${formatHours(thisWeek?.hours ?? 0)} hours`,
      'hours-last-week',
    ),
    figure(
      'Young people not in work or training',
      latest ? formatNumber(latest.youngPeople) : '–',
      latest
        ? [latest.period, change(latest.youngPeople, previous?.youngPeople)].filter(Boolean).join('; ')
        : 'no figures yet',
      'young-people',
    ),
    figure(
      'People not in work or training',
      latest ? formatNumber(latest.people) : '–',
      latest
        ? [latest.period, change(latest.people, previous?.people)].filter(Boolean).join('; ')
        : 'no figures yet',
      'people',
    ),
    figure(
      'LEC groups',
      formatNumber(f.lec.groups),
      `${formatNumber(f.lec.plansReviewedInLastYear)} plans reviewed in the last year`,
      'lec-groups',
    ),
    figure(
      'Members with senior commitment',
      formatNumber(f.lec.membersWithSeniorCommitment),
      `of ${formatNumber(f.lec.members)} members; ${formatNumber(f.lec.membersWithCommitmentInBusinessPlan)} in business plans`,
      'senior-commitment',
    ),
    figure(
      'Overdue actions',
      formatNumber(f.actions.overdue),
      `of ${formatNumber(f.actions.open)} open`,
      'overdue-actions',
    ),
    figure(
      'Publicity awaiting acknowledgement',
      formatNumber(f.publicityAwaitingAcknowledgement),
      undefined,
      'publicity-awaiting',
    ),
    figure(
      'Communications awaiting agreement',
      formatNumber(f.communicationsAwaitingAgreement),
      undefined,
      'communications-awaiting',
    ),
    reporting,
  );
}

/** Every region side by side, the selected one marked. */
export function regionsTable(s: Snapshot, area: string): HTMLElement {
  const table = dataTable(
    `Each region on ${formatLongDate(s.date)}; hours are for the week starting ${formatLongDate(s.basis.previousReportWeek)}`,
    [
      'Region',
      'Taskforce members',
      'Agreed expectations',
      'Active strategies',
      'Hours last week',
      'LEC groups',
      'Plans reviewed',
      'Overdue actions',
      'Reported this week',
    ],
    s.regions.map((r) => {
      const f = s.byRegion[r.id]!;
      return [
        r.name,
        formatNumber(f.councils.taskforceMembers),
        formatNumber(f.councils.withAgreedExpectations),
        formatNumber(f.strategies.byStatus.active),
        formatHours(f.adviserWork.weeks.at(-2)?.hours ?? 0),
        formatNumber(f.lec.groups),
        formatNumber(f.lec.plansReviewedInLastYear),
        formatNumber(f.actions.overdue),
        r.reportedThisWeek ? 'Yes' : r.expectedToReport ? 'No' : 'Not expected',
      ];
    }),
    { numeric: [1, 2, 3, 4, 5, 6, 7] },
  );
  s.regions.forEach((r, i) => {
    if (r.id === area) table.tBodies[0]!.rows[i]!.classList.add('selected');
  });
  return table;
}

function listOrNone(items: unknown[], none: string, table: () => HTMLElement, total?: number): HTMLElement {
  // Lists may be cut to the reader's regions (or left out of the public copy) while the count is
  // whole: then "none" would be false, so say how many there are instead.
  if (items.length === 0 && total !== undefined && total > 0) {
    return el(
      'p',
      { class: 'none' },
      `${formatNumber(total)} in all; none of them is listed here (see the note above).`,
    );
  }
  if (items.length === 0) return el('p', { class: 'none' }, none);
  const shown =
    total !== undefined && total > items.length
      ? el('p', { class: 'shown-of' }, `Showing ${formatNumber(items.length)} of ${formatNumber(total)}.`)
      : null;
  const built = table();
  const caption = built.querySelector('caption')?.textContent ?? 'Table';
  return scrollRegion(caption, built, shown);
}

const regionName = (s: Snapshot, id: string) => s.regions.find((r) => r.id === id)?.name ?? id;

export function notReportingList(s: Snapshot, area: string): HTMLElement {
  const items = inArea(s.lists.regionsNotReporting, area);
  return listOrNone(
    items,
    area === 'national'
      ? 'Every region expected to report has reported this week.'
      : 'This region has reported this week, or is not expected to.',
    () =>
      dataTable(
        'Regions without an activity in this report week or the one before',
        ['Region', 'Last week reported'],
        items.map((r) => [r.name, r.lastWeekReported ? formatLongDate(r.lastWeekReported) : 'never']),
      ),
  );
}

export function overdueList(s: Snapshot, f: Figures, area: string): HTMLElement {
  const items = inArea(s.lists.overdueActions, area);
  return listOrNone(
    items,
    'No action is overdue.',
    () =>
      dataTable(
        'Open actions past their due date, most overdue first',
        ['Action', 'Region', 'LEC group', 'Owner', 'Due', 'Days overdue'],
        items.map((a) => [
          a.title,
          regionName(s, a.regionId),
          a.groupName,
          a.owner,
          formatLongDate(a.dueOn),
          formatNumber(a.daysOverdue),
        ]),
        { numeric: [5] },
      ),
    f.actions.overdue,
  );
}

export function publicityList(s: Snapshot, f: Figures, area: string): HTMLElement {
  const items = inArea(s.lists.publicityAwaitingAcknowledgement, area);
  return listOrNone(
    items,
    'No publicity is waiting for an acknowledgement.',
    () =>
      dataTable(
        'Publicity not yet published that does not acknowledge both parties',
        ['Title', 'Region', 'Channel', 'Status', 'Planned for', 'Missing'],
        items.map((p) => [
          p.title,
          regionName(s, p.regionId),
          p.channel,
          p.status,
          p.plannedFor ? formatLongDate(p.plannedFor) : '–',
          p.missing.join(' and '),
        ]),
      ),
    f.publicityAwaitingAcknowledgement,
  );
}

export function communicationsList(s: Snapshot, f: Figures, area: string): HTMLElement {
  const items = inArea(s.lists.communicationsAwaitingAgreement, area);
  return listOrNone(
    items,
    'No communication is waiting for agreement.',
    () =>
      dataTable(
        'Communications not yet agreed by both parties',
        ['Subject', 'Region', 'Audience', 'Status', 'Not yet agreed by'],
        items.map((c) => [
          c.subject,
          regionName(s, c.regionId),
          c.audience,
          c.status,
          c.missing.join(' and '),
        ]),
      ),
    f.communicationsAwaitingAgreement,
  );
}

export function freshnessTable(s: Snapshot, area: string): HTMLElement {
  const items = inArea(s.freshness, area);
  return listOrNone(items, 'No records yet.', () =>
    dataTable(
      'Current records and their latest change, by type and region',
      ['Record type', 'Region', 'Records', 'Last changed'],
      items.map((x) => [
        x.type,
        regionName(s, x.regionId),
        formatNumber(x.records),
        formatStamp(x.latestUpdatedAt),
      ]),
      { numeric: [2] },
    ),
  );
}
