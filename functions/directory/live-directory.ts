import {
  catchUpSince,
  changedPages,
  PULL_OVERLAP_MS,
  type RecordRepository,
} from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';
import { DIRECTORY_TYPES, type Directory, DirectoryModel } from './directory-model.ts';

/** What the directory needs from the table: a type's records changed since a moment, page by page. */
export interface DirectorySource {
  /**
   * Without `since`, every current record of the type (deleted ones left out); with it, the records
   * changed at or after it, deleted ones included as tombstones, so that removals reach the model.
   */
  changes(type: string, since?: string): AsyncIterable<StoredRecord[]>;
}

/** The directory's source over the record repository (npm start, the tests, the public API function). */
export function directorySourceOf(repository: Pick<RecordRepository, 'list'>): DirectorySource {
  return { changes: (type, since) => changedPages(repository, type, since) };
}

/**
 * How often, at most, a Lambda function's directory asks the table what changed (ms): a change is
 * public within this time, plus CloudFront's five minutes. Each refresh is one small query per type.
 */
export const PUBLIC_DIRECTORY_REFRESH_MS = 15_000;

export interface LiveDirectoryOptions {
  /**
   * A page reuses the model refreshed this recently (ms); a change is public within this time
   * (plus CloudFront's cache in the cloud). 0 refreshes before every request (the tests).
   */
  refreshEveryMs?: number;
  /** How far back each refresh re-reads, for writes whose timestamp precedes their commit. */
  overlapMs?: number;
  now?: () => number;
}

/**
 * The public directory, read whole once and then kept current by "changed since" queries on the
 * by-type index, at most once per `refreshEveryMs`: a refresh costs what changed, not the
 * directory. Concurrent requests share one refresh. A refresh that fails changes nothing and is
 * the failing requests' error (the next request tries again); a refresh's changes are applied all
 * at once, after every query answered.
 */
export class LiveDirectory {
  private readonly model = new DirectoryModel();
  /** Per type: the newest change applied so far. */
  private readonly highWater = new Map<string, string>();
  private loaded = false;
  private refreshedAt = 0;
  private refreshing?: Promise<void>;
  private readonly refreshEveryMs: number;
  private readonly overlapMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: DirectorySource,
    options: LiveDirectoryOptions = {},
  ) {
    this.refreshEveryMs = options.refreshEveryMs ?? 1000;
    this.overlapMs = options.overlapMs ?? PULL_OVERLAP_MS;
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<Directory> {
    await this.refresh();
    return this.model;
  }

  /** Brings the model up to date (unless it was a moment ago); concurrent callers share one refresh. */
  refresh(): Promise<void> {
    if (this.loaded && this.now() - this.refreshedAt < this.refreshEveryMs) return Promise.resolve();
    this.refreshing ??= this.catchUp().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async catchUp(): Promise<void> {
    const started = this.now();
    const previousReadAt = this.loaded ? this.refreshedAt : undefined;
    const read = await Promise.all(DIRECTORY_TYPES.map((type) => this.changesOf(type, previousReadAt)));
    this.model.applyAll(read.flatMap((r) => r.records));
    read.forEach(({ type, newest }) => {
      if (newest) this.highWater.set(type, newest);
    });
    this.loaded = true;
    this.refreshedAt = started;
  }

  private async changesOf(
    type: string,
    previousReadAt: number | undefined,
  ): Promise<{ type: string; records: StoredRecord[]; newest?: string }> {
    const seen = this.highWater.get(type);
    const since = seen ? catchUpSince(seen, previousReadAt, this.overlapMs) : undefined;
    const records: StoredRecord[] = [];
    let newest = seen;
    for await (const page of this.source.changes(type, since)) {
      for (const record of page) {
        records.push(record);
        if (!newest || record.updatedAt > newest) newest = record.updatedAt;
      }
    }
    return { type, records, newest };
  }
}
