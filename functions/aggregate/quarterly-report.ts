import { NATIONAL, NATIONAL_NAME } from './areas.ts';
import { quarterRange } from './calendar.ts';
import type { SnapshotReader } from './snapshot-files.ts';
import type { Figures, OverdueAction, Snapshot } from './snapshot-schema.ts';

/** A measure of a goal at the latest quarter with figures, and its change since the quarter before. */
export interface GoalMeasure {
  period: string | null;
  value: number | null;
  previousPeriod: string | null;
  previousValue: number | null;
  change: number | null;
  councilsReporting: number | null;
}

export interface AreaProgress {
  id: string;
  name: string;
  /** 2005 goal: no young person under 25 out of work or training (target 0). */
  youngPeopleNotInWorkOrTraining: GoalMeasure;
  /** 2009 goal: everyone has the opportunity to be in work or training. */
  peopleNotInWorkOrTraining: GoalMeasure;
  taskforceMembers: number;
  councilsWithAgreedExpectations: number;
  strategiesStarted: number;
  strategiesCompleted: number;
  strategiesActiveAtStart: number;
  strategiesActiveAtEnd: number;
  peopleIntoWorkOrTrainingInQuarter: number;
  youngPeopleIntoWorkOrTrainingInQuarter: number;
  practicesAdded: number;
  actionsOverdueAtStart: number;
  actionsOverdueAtEnd: number;
}

export interface QuarterlyReport {
  kind: 'partnership-records.quarterly-report';
  quarter: string;
  from: string;
  to: string;
  /** The snapshots it is built from: the first and last of the quarter. */
  firstSnapshot: string;
  lastSnapshot: string;
  snapshotsInQuarter: number;
  goals: Snapshot['goals'];
  areas: AreaProgress[];
  overdueActions: OverdueAction[];
  regionsNotReporting: Snapshot['lists']['regionsNotReporting'];
  listsLimitedToRegions?: string[];
}

/** Raised when the quarter has no snapshot; says which quarters do. */
export class NoSnapshotInQuarterError extends Error {
  constructor(quarter: string, dates: string[]) {
    super(
      dates.length === 0
        ? `There is no snapshot for ${quarter}: no snapshot has been made yet. The nightly aggregation writes one each night; locally, run "npm run aggregate".`
        : `There is no snapshot for ${quarter}. Snapshots exist from ${dates[0]} to ${dates.at(-1)}; ask for a quarter in that range, or run the aggregation for a date in ${quarter} ("npm run aggregate -- --date ${quarterRange(quarter).to}").`,
    );
    this.name = 'NoSnapshotInQuarterError';
  }
}

function goalMeasure(
  figures: Figures,
  pick: (p: Figures['indicators']['periods'][number]) => number,
): GoalMeasure {
  const periods = figures.indicators.periods;
  const latest = periods.at(-1);
  const previous = periods.at(-2);
  return {
    period: latest?.period ?? null,
    value: latest ? pick(latest) : null,
    previousPeriod: previous?.period ?? null,
    previousValue: previous ? pick(previous) : null,
    change: latest && previous ? pick(latest) - pick(previous) : null,
    councilsReporting: latest?.councilsReporting ?? null,
  };
}

function progress(id: string, name: string, quarter: string, first: Figures, last: Figures): AreaProgress {
  return {
    id,
    name,
    youngPeopleNotInWorkOrTraining: goalMeasure(last, (p) => p.youngPeople),
    peopleNotInWorkOrTraining: goalMeasure(last, (p) => p.people),
    taskforceMembers: last.councils.taskforceMembers,
    councilsWithAgreedExpectations: last.councils.withAgreedExpectations,
    strategiesStarted: last.strategies.startedByQuarter[quarter] ?? 0,
    strategiesCompleted: last.strategies.completedByQuarter[quarter] ?? 0,
    strategiesActiveAtStart: first.strategies.byStatus.active,
    strategiesActiveAtEnd: last.strategies.byStatus.active,
    peopleIntoWorkOrTrainingInQuarter:
      last.strategies.peopleIntoWorkOrTraining - first.strategies.peopleIntoWorkOrTraining,
    youngPeopleIntoWorkOrTrainingInQuarter:
      last.strategies.youngPeopleIntoWorkOrTraining - first.strategies.youngPeopleIntoWorkOrTraining,
    practicesAdded: last.practices.addedByQuarter[quarter] ?? 0,
    actionsOverdueAtStart: first.actions.overdue,
    actionsOverdueAtEnd: last.actions.overdue,
  };
}

/**
 * The quarterly progress report for the national group, built from the first and the last snapshot
 * dated inside the quarter. `limit` cuts the snapshots' lists to what the reader may see.
 */
export async function buildQuarterlyReport(
  reader: SnapshotReader,
  quarter: string,
  limit: (snapshot: Snapshot) => Snapshot = (s) => s,
): Promise<QuarterlyReport> {
  const { from, to } = quarterRange(quarter);
  const dates = await reader.dates();
  const inQuarter = dates.filter((d) => d >= from && d <= to);
  if (inQuarter.length === 0) throw new NoSnapshotInQuarterError(quarter, dates);
  const [firstRaw, lastRaw] = await Promise.all([
    reader.forDate(inQuarter[0]!),
    reader.forDate(inQuarter.at(-1)!),
  ]);
  if (!firstRaw || !lastRaw) throw new NoSnapshotInQuarterError(quarter, dates);
  const first = limit(firstRaw);
  const last = limit(lastRaw);

  const areas = [
    progress(NATIONAL, NATIONAL_NAME, quarter, first.national, last.national),
    ...last.regions.map((r) =>
      progress(r.id, r.name, quarter, first.byRegion[r.id] ?? last.byRegion[r.id]!, last.byRegion[r.id]!),
    ),
  ];
  return {
    kind: 'partnership-records.quarterly-report',
    quarter,
    from,
    to,
    firstSnapshot: first.date,
    lastSnapshot: last.date,
    snapshotsInQuarter: inQuarter.length,
    goals: last.goals,
    areas,
    overdueActions: last.lists.overdueActions,
    regionsNotReporting: last.lists.regionsNotReporting,
    ...(last.listsLimitedToRegions ? { listsLimitedToRegions: last.listsLimitedToRegions } : {}),
  };
}
