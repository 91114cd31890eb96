import { isIsoDate } from '../domain/iso-date.ts';
import type { Snapshot } from './snapshot-schema.ts';
import type { SnapshotSink } from './snapshot-sink.ts';

/**
 * The keys snapshots are kept under, the same in the local folder and in the bucket (whose IAM
 * grants and CloudFront behaviours cover `snapshots/*` and `latest.json`).
 */
export const SNAPSHOT_FILES = {
  latest: 'latest.json',
  index: 'snapshots/index.json',
  /** The compact series the history chart draws (see trends.ts). */
  trends: 'snapshots/trends.json',
  schema: 'snapshots/snapshot.schema.json',
  snapshot: (date: string) => `snapshots/${date}.json`,
  table: (date: string, name: string) => `snapshots/${date}/${name}.csv`,
  /**
   * The copy the dashboard site serves to anyone: the same keys under this prefix, with the
   * record lists (titles, owners) removed. Figures are counts; lists are for signed-in staff.
   */
  publicPrefix: 'public/',
} as const;

export const SNAPSHOT_KIND = 'partnership-records.dashboard-snapshot';
/** Bumped for any change other than an added field (see snapshot-schema.ts). */
export const SNAPSHOT_SCHEMA_VERSION = 1;
export const INDEX_KIND = 'partnership-records.dashboard-snapshot-index';

/** What the API and the quarterly report need: snapshots by date and the list of dates. */
export interface SnapshotReader {
  latest(): Promise<Snapshot | undefined>;
  forDate(date: string): Promise<Snapshot | undefined>;
  /** Dates that have a snapshot, oldest first. */
  dates(): Promise<string[]>;
  /** The snapshot's JSON Schema as published next to the snapshots, once there is one. */
  schema(): Promise<Record<string, unknown> | undefined>;
}

/** Raised when a stored file is not what it should be; names the file. */
class SnapshotFileError extends Error {
  constructor(key: string, detail: string) {
    super(`${key} is not a valid dashboard snapshot file: ${detail}`);
    this.name = 'SnapshotFileError';
  }
}

function parse(key: string, text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new SnapshotFileError(key, (error as Error).message);
  }
  throw new SnapshotFileError(key, 'expected a JSON object');
}

/**
 * Reads the snapshot history from a sink. Only the aggregation writes these files, from typed
 * code, so reading checks what they are (kind and date) rather than re-validating every field:
 * that keeps the schema out of the API bundle. The tests validate snapshots against the schema.
 */
export class SnapshotFiles implements SnapshotReader {
  constructor(readonly sink: SnapshotSink) {}

  async latest(): Promise<Snapshot | undefined> {
    return this.readSnapshot(SNAPSHOT_FILES.latest);
  }

  async forDate(date: string): Promise<Snapshot | undefined> {
    if (!isIsoDate(date)) return undefined;
    // The index answers "is there one?": S3 without list rights cannot tell missing from forbidden.
    if (!(await this.dates()).includes(date)) return undefined;
    const snapshot = await this.readSnapshot(SNAPSHOT_FILES.snapshot(date));
    if (snapshot && snapshot.date !== date)
      throw new SnapshotFileError(SNAPSHOT_FILES.snapshot(date), `it holds ${snapshot.date}`);
    return snapshot;
  }

  async dates(): Promise<string[]> {
    const text = await this.sink.get(SNAPSHOT_FILES.index);
    if (text === undefined) return [];
    const index = parse(SNAPSHOT_FILES.index, text);
    if (index.kind !== INDEX_KIND || !Array.isArray(index.dates) || !index.dates.every(isIsoDate)) {
      throw new SnapshotFileError(
        SNAPSHOT_FILES.index,
        'expected {"kind": "…-index", "dates": ["YYYY-MM-DD", …]}',
      );
    }
    return index.dates as string[];
  }

  async schema(): Promise<Record<string, unknown> | undefined> {
    const text = await this.sink.get(SNAPSHOT_FILES.schema);
    return text === undefined ? undefined : parse(SNAPSHOT_FILES.schema, text);
  }

  /** The stored bytes of a date's snapshot, as published (for byte-for-byte comparisons). */
  async rawSnapshot(date: string): Promise<string | undefined> {
    return this.sink.get(SNAPSHOT_FILES.snapshot(date));
  }

  private async readSnapshot(key: string): Promise<Snapshot | undefined> {
    const text = await this.sink.get(key);
    if (text === undefined) return undefined;
    const value = parse(key, text);
    if (value.kind !== SNAPSHOT_KIND || !isIsoDate(value.date)) {
      throw new SnapshotFileError(key, `expected kind "${SNAPSHOT_KIND}" and a date`);
    }
    return value as unknown as Snapshot;
  }
}
