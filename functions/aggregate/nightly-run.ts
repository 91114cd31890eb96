import { scheduledRunDay } from '../domain/new-zealand-day.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { buildSnapshot, buildSnapshots, type RollupOptions } from './rollup.ts';
import type { PublishResult, SnapshotArchive } from './snapshot-archive.ts';
import type { Snapshot } from './snapshot-schema.ts';

/** What starts a run: the scheduler sends its scheduled time; a person may name a date. */
export interface AggregationEvent {
  /** YYYY-MM-DD: build (or rebuild) the snapshot of this date. */
  date?: string;
  /** ISO timestamp from EventBridge Scheduler: its New Zealand date names the snapshot. */
  scheduledTime?: string;
  source?: string;
  /**
   * `search-snapshots`: only bring the knowledge index's snapshot up to date (the 15-minute
   * schedule). Absent: the night's dashboard snapshot, then the knowledge index rebuilt from every
   * record, so that nothing a caught-up snapshot got wrong outlives a night.
   */
  task?: 'search-snapshots';
}

/**
 * The date a run builds: the event's `date`, else the New Zealand date of the scheduled time (so a
 * retry hours later still rebuilds the same night), else today in New Zealand.
 */
export function snapshotDateFor(event: AggregationEvent | undefined, now: Date = new Date()): string {
  return scheduledRunDay(event, 'date', now);
}

export interface RunResult {
  snapshot: Snapshot;
  published: PublishResult;
  durationMs: number;
}

/** One aggregation: build the date's snapshot from the store and publish it to the archive. */
export async function aggregateAndPublish(
  store: RecordRepository,
  archive: SnapshotArchive,
  options: RollupOptions,
): Promise<RunResult> {
  const started = performance.now();
  const snapshot = await buildSnapshot(store, options);
  const published = await archive.publish(snapshot);
  return { snapshot, published, durationMs: Math.round(performance.now() - started) };
}

/**
 * Several dates from one read of the records, published oldest first (a backfill): each date's
 * files are what a run for that date alone would write.
 */
export async function aggregateAndPublishDates(
  store: RecordRepository,
  archive: SnapshotArchive,
  options: Omit<RollupOptions, 'date'> & { dates: string[] },
): Promise<{ snapshots: Snapshot[]; published: PublishResult[]; durationMs: number }> {
  const started = performance.now();
  const snapshots = await buildSnapshots(store, options);
  const published: PublishResult[] = [];
  for (const snapshot of snapshots) published.push(await archive.publish(snapshot));
  return { snapshots, published, durationMs: Math.round(performance.now() - started) };
}
