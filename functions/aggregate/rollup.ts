import { isIsoDate } from '../domain/iso-date.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { type StoredRecord, storedRecordOf } from '../records/definition.ts';
import { region as regionDefinition } from '../records/types/region.ts';
import { GOAL_WORDS, GOALS } from '../records/types/strategy.ts';
import { type AsOf, asOf } from './as-of.ts';
import { byKeys } from './bounded-list.ts';
import { figuresFrom } from './figures.ts';
import { AGGREGATED_TYPES } from './record-contributions.ts';
import { RegionTally } from './region-tally.ts';
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION, type Snapshot } from './snapshot-schema.ts';
import { runPool } from './task-pool.ts';

export interface RollupOptions {
  /** The snapshot's date (YYYY-MM-DD): the figures describe the records as of that day. */
  date: string;
  /** Queries in flight at once. DynamoDB copes with far more; this keeps a Lambda's sockets calm. */
  concurrency?: number;
  /** Records per page read from the store. */
  pageSize?: number;
  /** The clock, for `generatedAt`. */
  now?: () => Date;
}

export const DEFAULT_CONCURRENCY = 8;
const DEFAULT_PAGE_SIZE = 1000;

interface RegionRecord {
  id: string;
  name: string;
  cegRegion: boolean;
  record: StoredRecord;
}

/**
 * Builds the dashboard snapshot for a date: reads every current record of the aggregated types,
 * region by region through the byRegion index (queries, never scans), at most `concurrency`
 * queries at a time, folding each page into running tallies and letting it go. The result depends
 * only on the records and the date (apart from `generatedAt`).
 */
export async function buildSnapshot(store: RecordRepository, options: RollupOptions): Promise<Snapshot> {
  const [snapshot] = await buildSnapshots(store, { ...options, dates: [options.date] });
  return snapshot!;
}

/**
 * Builds the snapshots of several dates from one read of the records (a backfill of twelve weeks
 * costs one pass, not twelve), each exactly as `buildSnapshot` would make it alone.
 */
export async function buildSnapshots(
  store: RecordRepository,
  options: Omit<RollupOptions, 'date'> & { dates: string[] },
): Promise<Snapshot[]> {
  const bad = options.dates.filter((d) => !isIsoDate(d));
  if (bad.length > 0)
    throw new Error(
      `A snapshot date must be a real date like 2026-11-23, got ${bad.map((d) => `"${d}"`).join(', ')}.`,
    );
  const bases = [...new Set(options.dates)].sort().map(asOf);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  // Regions first: the list of partitions to read. It is the only list kept whole, and it is short.
  const regions: RegionRecord[] = [];
  let recordsRead = 0;
  for await (const page of store.pages(regionDefinition.type, undefined, pageSize)) {
    recordsRead += page.length;
    for (const record of page) {
      const { id, values } = storedRecordOf(regionDefinition, record);
      regions.push({ id, name: values.name, cegRegion: values.cegRegion === true, record });
    }
  }
  regions.sort(
    byKeys(
      (r) => r.name,
      (r) => r.id,
    ),
  );

  // One tally per date and region; each record read is folded into the tallies of every date.
  const tallies = bases.map((basis) => new Map(regions.map((r) => [r.id, new RegionTally(r.id, basis)])));
  const forRegion = (regionId: string) => tallies.map((byRegion) => byRegion.get(regionId)!);
  // The region record itself counts towards its data freshness.
  for (const region of regions) foldPage(forRegion(region.id), [region.record]);
  const tasks = regions.flatMap((region) =>
    AGGREGATED_TYPES.map((type) => async () => {
      const regionTallies = forRegion(region.id);
      for await (const page of store.pages(type, region.id, pageSize)) {
        recordsRead += page.length;
        foldPage(regionTallies, page);
      }
    }),
  );
  await runPool(tasks, options.concurrency ?? DEFAULT_CONCURRENCY);

  const generatedAt = (options.now ?? (() => new Date()))();
  return bases.map((basis, i) => assemble(regions, tallies[i]!, basis, recordsRead, generatedAt));
}

function foldPage(tallies: RegionTally[], page: StoredRecord[]): void {
  for (const tally of tallies) for (const record of page) tally.add(record);
}

function assemble(
  regions: RegionRecord[],
  tallies: Map<string, RegionTally>,
  basis: AsOf,
  recordsRead: number,
  generatedAt: Date,
): Snapshot {
  const all = [...tallies.values()];
  const summaries = regions.map((region) => {
    const tally = tallies.get(region.id)!;
    const last = tally.lastWeekReported;
    return {
      id: region.id,
      name: region.name,
      cegRegion: region.cegRegion,
      expectedToReport: region.cegRegion && tally.memberCouncils.size > 0,
      reportedThisWeek: last !== null && last >= basis.previousReportWeek,
      lastWeekReported: last,
    };
  });
  const overdueOrder = byKeys<Snapshot['lists']['overdueActions'][number]>(
    (a) => a.dueOn,
    (a) => a.regionId,
    (a) => a.id,
  );
  const publicityOrder = byKeys<Snapshot['lists']['publicityAwaitingAcknowledgement'][number]>(
    (p) => p.plannedFor ?? '9999-99-99',
    (p) => p.regionId,
    (p) => p.id,
  );
  const communicationOrder = byKeys<Snapshot['lists']['communicationsAwaitingAgreement'][number]>(
    (c) => c.subject,
    (c) => c.regionId,
    (c) => c.id,
  );
  return {
    kind: SNAPSHOT_KIND,
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    date: basis.date,
    generatedAt: generatedAt.toISOString(),
    basis: {
      reportWeek: basis.reportWeek,
      previousReportWeek: basis.previousReportWeek,
      quarter: basis.quarter,
      weeks: basis.weeks,
      quarters: basis.quarters,
      planReviewWindowFrom: basis.planReviewWindowFrom,
      listItemsPerRegion: basis.listItemsPerRegion,
    },
    goals: GOALS.map((id) => ({ id, words: GOAL_WORDS[id] })),
    regions: summaries,
    national: figuresFrom(all, basis),
    byRegion: Object.fromEntries(regions.map((r) => [r.id, figuresFrom([tallies.get(r.id)!], basis)])),
    lists: {
      overdueActions: all.flatMap((t) => t.overdueActions()).sort(overdueOrder),
      publicityAwaitingAcknowledgement: all.flatMap((t) => t.publicity.values()).sort(publicityOrder),
      communicationsAwaitingAgreement: all.flatMap((t) => t.communications.values()).sort(communicationOrder),
      regionsNotReporting: summaries
        .filter((s) => s.expectedToReport && !s.reportedThisWeek)
        .map((s) => ({ regionId: s.id, name: s.name, lastWeekReported: s.lastWeekReported })),
    },
    freshness: all
      .flatMap((t) => [...t.freshness].map(([type, f]) => ({ type, regionId: t.regionId, ...f })))
      .sort(
        byKeys(
          (f) => f.type,
          (f) => f.regionId,
        ),
      ),
    recordsRead,
  };
}
