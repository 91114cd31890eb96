import type { Figures, Snapshot } from '../../functions/aggregate/snapshot-schema.ts';
import type { TrendPoint } from '../../functions/aggregate/trends.ts';
import { type ChartSpec, COLOURS } from './chart-panel.ts';
import { formatHours, formatNumber, formatShortDate } from './format.ts';

const STATUS_COLOURS = {
  proposed: COLOURS.grey,
  active: COLOURS.teal,
  completed: COLOURS.green,
  discontinued: COLOURS.orange,
};
const GOAL_LABELS: Record<string, string> = {
  '2005-youth': '2005 goal: young people',
  '2009-all': '2009 goal: everyone',
};

/** The figures of an area: the nation or one region. */
export function figuresOf(snapshot: Snapshot, area: string): Figures | undefined {
  return area === 'national' ? snapshot.national : snapshot.byRegion[area];
}

/** True when the report week starting on `monday` has not ended by `date` (it is still being reported). */
export function isWeekUnderWay(monday: string, date: string): boolean {
  const sunday = new Date(`${monday}T00:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() + 6);
  return date <= sunday.toISOString().slice(0, 10);
}

export function adviserWorkChart(f: Figures, areaName: string, snapshotDate: string): ChartSpec {
  const weeks = f.adviserWork.weeks;
  const last = weeks.at(-1);
  // The week of the snapshot is still being reported: shown as "so far", not as a drop.
  const partial = last !== undefined && isWeekUnderWay(last.weekStarting, snapshotDate);
  return {
    kind: 'bar',
    categoryTitle: 'Week starting',
    partialLast: partial,
    labels: weeks.map((w, i) =>
      partial && i === weeks.length - 1
        ? `${formatShortDate(w.weekStarting)} (so far)`
        : formatShortDate(w.weekStarting),
    ),
    series: [
      { label: 'Adviser hours', data: weeks.map((w) => w.hours), colour: COLOURS.teal },
      {
        label: 'Activities',
        data: weeks.map((w) => w.activities),
        colour: COLOURS.orange,
        as: 'line',
        secondAxis: true,
      },
    ],
    yTitle: 'Hours',
    y2Title: 'Activities',
    summary: `${areaName}: adviser hours and activities in each of the last ${weeks.length} report weeks; the week starting ${
      last ? formatShortDate(last.weekStarting) : '–'
    } has ${formatHours(last?.hours ?? 0)} hours in ${formatNumber(last?.activities ?? 0)} activities${
      partial ? ' so far (the week is still under way)' : ''
    }.`,
  };
}

export function goalsChart(f: Figures, areaName: string): ChartSpec {
  const periods = f.indicators.periods;
  const last = periods.at(-1);
  return {
    kind: 'line',
    categoryTitle: 'Quarter',
    labels: periods.map((p) => p.period),
    series: [
      {
        label: 'Young people under 25 not in work or training',
        data: periods.map((p) => p.youngPeople),
        colour: COLOURS.orange,
      },
      {
        label: 'All people not in work or training',
        data: periods.map((p) => p.people),
        colour: COLOURS.teal,
      },
      {
        label: '2005 goal for young people: none',
        data: periods.map(() => 0),
        colour: COLOURS.grey,
        dashed: true,
      },
    ],
    yTitle: 'People',
    summary: last
      ? `${areaName}: people not in work or training per quarter. In ${last.period}, ${formatNumber(last.people)} people, ${formatNumber(last.youngPeople)} of them young people under 25; the 2005 goal is none.`
      : `${areaName}: no indicator figures yet.`,
  };
}

export function strategiesChart(f: Figures, areaName: string): ChartSpec {
  const goals = Object.keys(f.strategies.byGoal) as (keyof Figures['strategies']['byGoal'])[];
  const statuses = Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[];
  return {
    kind: 'bar',
    categoryTitle: 'Goal',
    labels: goals.map((g) => GOAL_LABELS[g] ?? g),
    series: statuses.map((status) => ({
      label: status[0]!.toUpperCase() + status.slice(1),
      data: goals.map((g) => f.strategies.byGoal[g][status]),
      colour: STATUS_COLOURS[status],
    })),
    stacked: true,
    yTitle: 'Strategies',
    summary: `${areaName}: ${formatNumber(f.strategies.total)} strategies by goal and status; ${formatNumber(f.strategies.byStatus.active)} active and ${formatNumber(f.strategies.byStatus.completed)} completed.`,
  };
}

/** Progress across snapshots: the figures the national group follows from night to night. */
export function historyChart(trend: TrendPoint[], area: string, areaName: string): ChartSpec {
  const points = trend.flatMap((p) => {
    const f = p.areas[area];
    return f ? [{ date: p.date, f }] : [];
  });
  const last = points.at(-1);
  return {
    kind: 'line',
    categoryTitle: 'Snapshot',
    labels: points.map((p) => formatShortDate(p.date)),
    series: [
      {
        label: 'Taskforce member councils',
        data: points.map((p) => p.f.taskforceMembers),
        colour: COLOURS.teal,
      },
      {
        label: 'With agreed expectations',
        data: points.map((p) => p.f.withAgreedExpectations),
        colour: COLOURS.sky,
      },
      {
        label: 'Active strategies',
        data: points.map((p) => p.f.activeStrategies),
        colour: COLOURS.green,
      },
      { label: 'Overdue actions', data: points.map((p) => p.f.overdueActions), colour: COLOURS.orange },
    ],
    yTitle: 'Count',
    summary: last
      ? `${areaName}: progress over ${points.length} snapshots; on ${formatShortDate(last.date)}, ${formatNumber(last.f.taskforceMembers)} Taskforce member councils, ${formatNumber(last.f.activeStrategies)} active strategies and ${formatNumber(last.f.overdueActions)} overdue actions.`
      : `${areaName}: no snapshot history yet.`,
  };
}
