import type { StoredRecord } from '../records/definition.ts';
import type { Party, SignOffState } from '../records/sign-offs.ts';

/**
 * The port through which the domain keeps records. The domain owns it; the DynamoDB store
 * (functions/store/record-store.ts) and the in-memory store (functions/store/memory-record-store.ts)
 * implement it, and one contract suite (test/support/record-repository-contract.ts) holds both to
 * the same behaviour.
 */
export interface RecordRepository {
  /** The current state of a record (deleted ones included, as tombstones). */
  get(type: string, id: string): Promise<StoredRecord | undefined>;
  /** Current states of many records of one type, keyed by id; absent ids are left out. */
  getMany(type: string, ids: readonly string[]): Promise<Map<string, StoredRecord>>;
  /** One version of a record as it was stored, from its history. */
  version(type: string, id: string, version: number): Promise<HistoryEntry | undefined>;
  /** A record's history, oldest first. */
  history(type: string, id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>>;
  /** Current records of a type, by region, council or nationally, ordered by last change. */
  list(query: ListQuery): Promise<Page<StoredRecord>>;
  /**
   * Changes and tombstones since a pull cursor, oldest first. The last page's cursor restarts a
   * little before the newest change seen (PULL_OVERLAP_MS), so a pull never misses a change.
   */
  pull(query: PullQuery): Promise<Page<StoredRecord> & { cursor: string }>;
  /** Open sign-offs of a party in a council, a region or nationally, oldest request first. */
  listAwaiting(query: AwaitingQuery): Promise<Page<AwaitingItem>>;
  /** Every current record of a type (optionally of one region), page by page, for rollups. */
  pages(type: string, regionId?: string, pageSize?: number): AsyncGenerator<StoredRecord[]>;
  /**
   * Stores each change with its history entry, all or nothing per change, only if the record is
   * still at the version its writer read. Every change gets its own outcome.
   */
  writeAll(writes: readonly PendingWrite[]): Promise<WriteOutcome[]>;
}

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export type ChangeOp =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'restored'
  | 'sign-off-requested'
  | 'signed-off'
  | 'sign-off-not-yet'
  | 'sign-off-withdrawn';

/** One entry of a record's history: who changed what, when, and the record as it then stood. */
export interface HistoryEntry {
  version: number;
  op: ChangeOp;
  at: string;
  by: string;
  changes: FieldChange[];
  record: StoredRecord;
}

/**
 * The most items one page of a list, pull or history may hold, whoever asks (the API's `limit`).
 * Here rather than with the record service so that functions reading pages need not bundle it.
 */
export const MAX_LIMIT = 500;

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; present when `more` is true (and, for pulls, always). */
  cursor?: string;
  more: boolean;
}

export interface ListQuery {
  type: string;
  regionId?: string;
  councilId?: string;
  /** ISO timestamp (UTC): only records changed at or after it. */
  changedSince?: string;
  includeDeleted?: boolean;
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}

export interface PullQuery {
  type: string;
  /** Absent for a national pull. */
  regionId?: string;
  /** A council's records only (a mayor's office pulls by council). */
  councilId?: string;
  cursor?: string;
  limit: number;
}

/** A change ready to store: the record's new state, the version it must replace, its history entry. */
export interface PendingWrite {
  record: StoredRecord;
  /** The record it replaces, so that side items it no longer needs (open sign-offs, shares) are removed. */
  previous?: StoredRecord;
  /** The version the writer read; `null` when the record must not exist yet. */
  expectedVersion: number | null;
  history: HistoryEntry;
}

export type WriteOutcome =
  | { status: 'written' }
  | { status: 'conflict' }
  | { status: 'failed'; reason: string; cause?: unknown };

/** A record awaiting a party's sign-off: which record, which party, and its values for display. */
export interface AwaitingItem {
  recordType: string;
  recordId: string;
  party: Party;
  regionId: string;
  councilId?: string;
  version: number;
  updatedAt: string;
  values: Record<string, unknown>;
  signOff: SignOffState;
}

export interface AwaitingQuery {
  party: Party;
  regionId?: string;
  councilId?: string;
  limit: number;
  cursor?: string;
}

/**
 * How far back each pull re-reads. A write's timestamp is taken just before it commits, so a
 * pull that ran in between could pass it by; re-reading a window and letting clients skip
 * versions they already have means no change is ever missed.
 */
export const PULL_OVERLAP_MS = 30_000;

/**
 * Where a read model kept current by change (the public directory, the knowledge index) reads
 * from next. A write it has not seen is either newer than the newest it holds, or it committed
 * after the model's previous read began and so was stamped at most PULL_OVERLAP_MS before that
 * (a write is stamped just before it commits; the overlap also absorbs clocks that differ). Reading
 * from the earlier of the two costs what changed: after a burst of writes, a model re-reads the
 * burst's last half-minute only until its readers have been past it once, not at every refresh
 * for as long as nothing newer is written. Without a previous read in this process (a first
 * catch-up, or one from a saved snapshot whose reader's clock is not this one's), it falls back to
 * the newest held less the overlap.
 */
export function catchUpSince(
  newestHeld: string,
  previousReadAt: number | undefined,
  overlapMs = PULL_OVERLAP_MS,
): string {
  const held = Date.parse(newestHeld);
  const from = previousReadAt === undefined ? held - overlapMs : Math.min(held, previousReadAt - overlapMs);
  return new Date(from).toISOString();
}

/** Every current record of a type (optionally of one region), page by page; tombstones too when asked. */
export async function* listPages(
  repository: Pick<RecordRepository, 'list'>,
  type: string,
  regionId?: string,
  pageSize = 500,
  includeDeleted = false,
): AsyncGenerator<StoredRecord[]> {
  let cursor: string | undefined;
  do {
    const page = await repository.list({ type, regionId, limit: pageSize, cursor, includeDeleted });
    if (page.items.length > 0) yield page.items;
    cursor = page.more ? page.cursor : undefined;
  } while (cursor);
}

/**
 * Current records of a type changed at or after `since`, deletions included, page by page; without
 * `since`, every current record (deleted ones left out). What read models that follow the table
 * by change (the knowledge base, the public directory) read.
 */
export async function* changedPages(
  repository: Pick<RecordRepository, 'list'>,
  type: string,
  since?: string,
  pageSize = 500,
): AsyncGenerator<StoredRecord[]> {
  let cursor: string | undefined;
  do {
    const page = await repository.list({
      type,
      changedSince: since,
      includeDeleted: since !== undefined,
      limit: pageSize,
      cursor,
    });
    if (page.items.length > 0) yield page.items;
    cursor = page.more ? page.cursor : undefined;
  } while (cursor);
}
