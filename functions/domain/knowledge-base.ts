import {
  KNOWLEDGE_INDEX_VERSION,
  KNOWLEDGE_TYPES,
  KnowledgeIndex,
  type KnowledgeQuery,
  type KnowledgeResult,
} from './knowledge-index.ts';
import { type Principal, requireReadScope } from './principal.ts';
import { catchUpSince, changedPages, PULL_OVERLAP_MS, type RecordRepository } from './record-repository.ts';

/**
 * Where the knowledge index's snapshot is read from: the snapshot bucket in the cloud, a folder
 * locally. Reading is all a knowledge base does; only the job that saves it writes.
 */
export interface KnowledgeSnapshotSource {
  /** The snapshot's text, or undefined when there is none yet. */
  read(): Promise<string | undefined>;
}

/** Where the job that saves the knowledge index's snapshot keeps it. */
export interface KnowledgeSnapshotStore extends KnowledgeSnapshotSource {
  write(text: string): Promise<void>;
}

/** What a snapshot says of itself beside the index: which index, for which table, current to when. */
interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** The table it was built from: a snapshot of another table (a restore is a new one) is refused. */
  scope: string;
  builtAt: string;
  /** Per type: the newest change it holds; loading catches up from here. */
  highWater: Record<string, string>;
}

const SNAPSHOT_FORMAT = 'partnership-records/knowledge-index';
/** A snapshot older than this is rebuilt, not caught up: the schedule writes one every 15 minutes. */
const DEFAULT_MAX_SNAPSHOT_AGE_MS = 26 * 3_600_000;
/** Clocks of the job and the function may differ a little; a snapshot from further ahead is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface KnowledgeBaseOptions {
  /** A search reuses an index refreshed this recently (ms): changes show within this time. */
  refreshEveryMs?: number;
  /** How far back each refresh re-reads, for writes whose timestamp precedes their commit. */
  overlapMs?: number;
  /** Where a snapshot of the index may be found: loaded on the first search instead of a build. */
  snapshots?: KnowledgeSnapshotSource;
  /** The table's name, written into snapshots and required of them. */
  snapshotScope?: string;
  maxSnapshotAgeMs?: number;
  /** Told why a snapshot was not used (none yet, unreadable, stale, damaged), for the log. */
  onSnapshotRefused?: (reason: string, error?: unknown) => void;
  now?: () => number;
}

/**
 * The national knowledge base: practices and joint ventures from every region, readable by every
 * signed-in person of either party. Searches run against an in-memory index that is loaded once
 * per process, from the snapshot the scheduled job writes when there is a sound and recent one,
 * else built from the by-type index (a query, not a scan), and then brought up to date before each
 * search with a "changed since" query, which is empty or tiny in steady state. A snapshot is only
 * ever a head start: whatever changed after it is read from the table, and one that cannot be
 * trusted (missing, unreadable, damaged, another index version or table, too old, from the future)
 * is left for a build. Writing practices and joint ventures goes through the records API and its
 * region scoping, as ever.
 */
export class KnowledgeBase {
  private index?: KnowledgeIndex;
  /** Per type: the newest change applied so far. */
  private highWater = new Map<string, string>();
  private refreshing?: Promise<void>;
  private refreshedAt = 0;
  /** Whether the index in use was loaded from a snapshot rather than built. */
  loadedFromSnapshot = false;
  private readonly refreshEveryMs: number;
  private readonly overlapMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: RecordRepository,
    private readonly options: KnowledgeBaseOptions = {},
  ) {
    this.refreshEveryMs = options.refreshEveryMs ?? 1000;
    this.overlapMs = options.overlapMs ?? PULL_OVERLAP_MS;
    this.now = options.now ?? Date.now;
  }

  async search(principal: Principal, query: KnowledgeQuery): Promise<KnowledgeResult> {
    requireReadScope(principal);
    await this.refresh();
    return this.index!.query(query);
  }

  /**
   * For a new process before its first request (a Lambda instance's init): the index loaded or
   * built, and searched once by words and once without, so the first person's search finds the
   * search code compiled rather than paying for it.
   */
  async prepare(): Promise<void> {
    await this.refresh();
    this.index!.query({ words: 'employment', limit: 20 });
    this.index!.query({ limit: 20 });
  }

  /** Brings the index up to date (unless it was a moment ago); concurrent callers share one refresh. */
  refresh(): Promise<void> {
    if (this.index && this.now() - this.refreshedAt < this.refreshEveryMs) return Promise.resolve();
    this.refreshing ??= this.catchUp().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The index as a snapshot's text (after a refresh), with how many entries it holds. */
  snapshot(): { text: string; entries: number } {
    if (!this.index) throw new Error('refresh the knowledge base before taking its snapshot');
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      version: KNOWLEDGE_INDEX_VERSION,
      scope: this.options.snapshotScope ?? '',
      builtAt: new Date(this.refreshedAt).toISOString(),
      highWater: Object.fromEntries(this.highWater),
    };
    return { text: JSON.stringify({ ...header, ...this.index.toData() }), entries: this.index.size };
  }

  private async catchUp(): Promise<void> {
    const started = this.now();
    let index = this.index;
    let highWater = this.highWater;
    let fromSnapshot = this.loadedFromSnapshot;
    // The previous read of this process; a snapshot's was another process's, on another clock.
    const previousReadAt = this.index ? this.refreshedAt : undefined;
    if (!index) {
      const loaded = await this.loadSnapshot(started);
      index = loaded?.index ?? new KnowledgeIndex();
      highWater = loaded?.highWater ?? new Map();
      fromSnapshot = loaded !== undefined;
    }
    // The high water moves only with the index it describes, once every type has caught up.
    const next = new Map(highWater);
    await Promise.all(KNOWLEDGE_TYPES.map((type) => this.catchUpType(index, type, next, previousReadAt)));
    this.index = index;
    this.highWater = next;
    this.loadedFromSnapshot = fromSnapshot;
    this.refreshedAt = started;
  }

  private async catchUpType(
    index: KnowledgeIndex,
    type: string,
    highWater: Map<string, string>,
    previousReadAt: number | undefined,
  ): Promise<void> {
    const seen = highWater.get(type);
    const since = seen ? catchUpSince(seen, previousReadAt, this.overlapMs) : undefined;
    let newest = seen;
    for await (const page of changedPages(this.store, type, since)) {
      for (const record of page) {
        index.apply(record);
        if (!newest || record.updatedAt > newest) newest = record.updatedAt;
      }
    }
    if (newest) highWater.set(type, newest);
  }

  /** The snapshot's index and high water, or undefined (and why, to onSnapshotRefused) when it will not do. */
  private async loadSnapshot(
    now: number,
  ): Promise<{ index: KnowledgeIndex; highWater: Map<string, string> } | undefined> {
    const { snapshots } = this.options;
    if (!snapshots) return undefined;
    const refuse = (reason: string, error?: unknown) => {
      this.options.onSnapshotRefused?.(
        `The knowledge index was built, not loaded: its snapshot ${reason}.`,
        error,
      );
      return undefined;
    };
    let text: string | undefined;
    try {
      text = await snapshots.read();
    } catch (error) {
      return refuse('could not be read', error);
    }
    if (text === undefined) return refuse('does not exist yet');
    let parsed: Partial<SnapshotHeader> & Record<string, unknown>;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return refuse('is not JSON (damaged or cut short)', error);
    }
    if (parsed?.format !== SNAPSHOT_FORMAT || parsed.version !== KNOWLEDGE_INDEX_VERSION)
      return refuse(
        `is of another index (version ${String(parsed?.version)}, this is ${KNOWLEDGE_INDEX_VERSION})`,
      );
    if (parsed.scope !== (this.options.snapshotScope ?? ''))
      return refuse(`is of another table (${String(parsed.scope)})`);
    const builtAt = Date.parse(String(parsed.builtAt));
    if (Number.isNaN(builtAt)) return refuse('does not say when it was built');
    if (builtAt > now + CLOCK_SKEW_MS) return refuse(`was built in the future (${parsed.builtAt})`);
    if (now - builtAt > (this.options.maxSnapshotAgeMs ?? DEFAULT_MAX_SNAPSHOT_AGE_MS))
      return refuse(`is stale (built ${parsed.builtAt})`);
    const marks = Object.entries((parsed.highWater ?? {}) as Record<string, unknown>);
    if (
      marks.some(
        ([type, at]) =>
          !KNOWLEDGE_TYPES.includes(type as never) ||
          Number.isNaN(Date.parse(String(at))) ||
          Date.parse(String(at)) > builtAt + CLOCK_SKEW_MS,
      )
    )
      return refuse('says it holds changes it cannot hold');
    try {
      return { index: KnowledgeIndex.fromData(parsed), highWater: new Map(marks as [string, string][]) };
    } catch (error) {
      return refuse(`is damaged: ${(error as Error).message}`, error);
    }
  }
}
