import * as z from 'zod';
import { isIsoDate } from './calendar.ts';
import { canonicalJson } from './canonical-json.ts';
import { toCsv } from './csv.ts';
import { type Snapshot, snapshotJsonSchema, snapshotSchema } from './snapshot-schema.ts';
import type { SnapshotSink } from './snapshot-sink.ts';
import { snapshotTables } from './snapshot-tables.ts';

/**
 * The keys snapshots are kept under, the same in the local folder and in the bucket (whose IAM
 * grants and CloudFront behaviours cover `snapshots/*` and `latest.json`).
 */
export const SNAPSHOT_FILES = {
  latest: 'latest.json',
  index: 'snapshots/index.json',
  schema: 'snapshots/snapshot.schema.json',
  snapshot: (date: string) => `snapshots/${date}.json`,
  table: (date: string, name: string) => `snapshots/${date}/${name}.csv`,
} as const;

const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';

const indexSchema = z.object({
  kind: z.literal('partnership-records.dashboard-snapshot-index'),
  dates: z.array(z.string()),
});

/** What the API and the quarterly report need: snapshots by date and the list of dates. */
export interface SnapshotReader {
  latest(): Promise<Snapshot | undefined>;
  forDate(date: string): Promise<Snapshot | undefined>;
  /** Dates that have a snapshot, oldest first. */
  dates(): Promise<string[]>;
}

export interface PublishResult {
  date: string;
  keys: string[];
  /** False when `latest.json` already held a newer date and was left alone. */
  latestMoved: boolean;
}

/** Raised when a stored file is not what the snapshot schema says; names the file. */
export class SnapshotFileError extends Error {
  constructor(key: string, detail: string) {
    super(`${key} is not a valid dashboard snapshot: ${detail}`);
    this.name = 'SnapshotFileError';
  }
}

/** Writes and reads the snapshot history: dated JSON, CSV tables, the index of dates and `latest`. */
export class SnapshotArchive implements SnapshotReader {
  constructor(readonly sink: SnapshotSink) {}

  /**
   * Stores a snapshot. Re-publishing a date overwrites that date's files exactly; `latest.json`
   * only moves forward, so backfilling an older date never hides a newer one. Files are written so
   * that anything a reader can find already exists: tables and the dated file, then the index,
   * then `latest.json`.
   */
  async publish(snapshot: Snapshot): Promise<PublishResult> {
    const keys: string[] = [];
    const put = async (key: string, body: string, type: string) => {
      await this.sink.put(key, body, type);
      keys.push(key);
    };
    const body = canonicalJson(snapshot);
    await Promise.all(
      snapshotTables(snapshot).map((t) =>
        put(SNAPSHOT_FILES.table(snapshot.date, t.name), toCsv(t.columns, t.rows), CSV_TYPE),
      ),
    );
    await put(SNAPSHOT_FILES.snapshot(snapshot.date), body, JSON_TYPE);
    await put(SNAPSHOT_FILES.schema, canonicalJson(snapshotJsonSchema()), 'application/schema+json');

    const dates = await this.dates();
    if (!dates.includes(snapshot.date)) {
      const index = {
        kind: 'partnership-records.dashboard-snapshot-index',
        dates: [...dates, snapshot.date].sort(),
      };
      await put(SNAPSHOT_FILES.index, canonicalJson(index), JSON_TYPE);
    }

    const latest = await this.latest();
    const latestMoved = !latest || latest.date <= snapshot.date;
    if (latestMoved) await put(SNAPSHOT_FILES.latest, body, JSON_TYPE);
    return { date: snapshot.date, keys: keys.sort(), latestMoved };
  }

  async latest(): Promise<Snapshot | undefined> {
    return this.read(SNAPSHOT_FILES.latest);
  }

  async forDate(date: string): Promise<Snapshot | undefined> {
    if (!isIsoDate(date)) return undefined;
    // The index answers "is there one?": S3 without list rights cannot tell missing from forbidden.
    if (!(await this.dates()).includes(date)) return undefined;
    return this.read(SNAPSHOT_FILES.snapshot(date));
  }

  async dates(): Promise<string[]> {
    const text = await this.sink.get(SNAPSHOT_FILES.index);
    if (text === undefined) return [];
    const parsed = indexSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new SnapshotFileError(SNAPSHOT_FILES.index, z.prettifyError(parsed.error));
    return parsed.data.dates;
  }

  /** The stored bytes of a date's snapshot, as published (for byte-for-byte comparisons). */
  async rawSnapshot(date: string): Promise<string | undefined> {
    return this.sink.get(SNAPSHOT_FILES.snapshot(date));
  }

  private async read(key: string): Promise<Snapshot | undefined> {
    const text = await this.sink.get(key);
    if (text === undefined) return undefined;
    const parsed = snapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new SnapshotFileError(key, z.prettifyError(parsed.error));
    return parsed.data;
  }
}
