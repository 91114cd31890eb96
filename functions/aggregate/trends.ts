import type { AggregatedType } from './record-contributions.ts';
import type { Figures, Snapshot } from './snapshot-schema.ts';

/**
 * The trends across snapshots in one small file (`snapshots/trends.json`): per snapshot date, the
 * few figures the dashboard's history chart draws, nationally and per region. The dashboard reads
 * this instead of every dated snapshot (about 1.9 MB for 13 of them). The aggregation adds each
 * night's point as it publishes; figures are counts, so the public copy is the same file.
 */

export const TRENDS_KIND = 'partnership-records.dashboard-trends';
/** Two years of weekly snapshots, or more than two months of nightly ones. */
export const TRENDS_MAX_POINTS = 104;

/**
 * The figures a trend follows, by the record type whose contribution makes them (see
 * record-contributions.ts): only a type the rollups read can have a series, and a figure's path
 * follows the snapshot schema, whose enums are the definitions'. The series read a snapshot's
 * figures rather than records because the dashboard page runs `trendPoint` in the browser too (for
 * archives made before trends.json), and records' definitions (and zod) have no place there.
 */
export const TREND_SERIES_BY_TYPE = {
  council: { taskforceMembers: (f: Figures) => f.councils.taskforceMembers },
  agreement: { withAgreedExpectations: (f: Figures) => f.councils.withAgreedExpectations },
  strategy: { activeStrategies: (f: Figures) => f.strategies.byStatus.active },
  action: { overdueActions: (f: Figures) => f.actions.overdue },
} as const satisfies Partial<Record<AggregatedType, Record<string, (f: Figures) => number>>>;

type SeriesOf<T> = T extends Record<string, (f: Figures) => number> ? keyof T : never;
type TrendSeriesName = SeriesOf<(typeof TREND_SERIES_BY_TYPE)[keyof typeof TREND_SERIES_BY_TYPE]>;

/** Every series by name, whichever type makes it. */
const TREND_SERIES = Object.assign({}, ...Object.values(TREND_SERIES_BY_TYPE)) as Record<
  TrendSeriesName,
  (f: Figures) => number
>;

export type TrendFigures = Record<TrendSeriesName, number>;

export interface TrendPoint {
  date: string;
  /** `national` and each region id. */
  areas: Record<string, TrendFigures>;
}

export interface Trends {
  kind: typeof TRENDS_KIND;
  points: TrendPoint[];
}

function trendFigures(f: Figures): TrendFigures {
  return Object.fromEntries(
    Object.entries(TREND_SERIES).map(([name, read]) => [name, read(f)]),
  ) as TrendFigures;
}

export function trendPoint(snapshot: Snapshot): TrendPoint {
  const areas: Record<string, TrendFigures> = { national: trendFigures(snapshot.national) };
  for (const [regionId, figures] of Object.entries(snapshot.byRegion))
    areas[regionId] = trendFigures(figures);
  return { date: snapshot.date, areas };
}

/** The series with this snapshot's point added (or replaced, when a night is re-run), oldest first. */
export function withTrendPoint(existing: Trends | undefined, snapshot: Snapshot): Trends {
  const points = (existing?.points ?? []).filter((p) => p.date !== snapshot.date);
  points.push(trendPoint(snapshot));
  points.sort((a, b) => a.date.localeCompare(b.date));
  return { kind: TRENDS_KIND, points: points.slice(-TRENDS_MAX_POINTS) };
}
