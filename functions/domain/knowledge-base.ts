import {
  KNOWLEDGE_TYPES,
  KnowledgeIndex,
  type KnowledgeQuery,
  type KnowledgeResult,
} from './knowledge-index.ts';
import { type Principal, requireReadScope } from './principal.ts';
import { PULL_OVERLAP_MS, type RecordRepository } from './record-repository.ts';

/**
 * The national knowledge base: practices and joint ventures from every region, readable by every
 * signed-in person of either party. Searches run against an in-memory index that is built once
 * per process from the by-type index (a query, not a scan) and then brought up to date before
 * each search with a "changed since" query, which is empty or tiny in steady state. Writing
 * practices and joint ventures goes through the records API and its region scoping, as ever.
 */
export class KnowledgeBase {
  private index?: KnowledgeIndex;
  /** Per type: the newest change applied so far. */
  private readonly highWater = new Map<string, string>();
  private refreshing?: Promise<void>;
  private refreshedAt = 0;

  constructor(
    private readonly store: RecordRepository,
    options: {
      /** A search reuses an index refreshed this recently (ms): changes show within this time. */
      refreshEveryMs?: number;
      /** How far back each refresh re-reads, for writes whose timestamp precedes their commit. */
      overlapMs?: number;
    } = {},
  ) {
    this.refreshEveryMs = options.refreshEveryMs ?? 1000;
    this.overlapMs = options.overlapMs ?? PULL_OVERLAP_MS;
  }

  private readonly refreshEveryMs: number;
  private readonly overlapMs: number;

  async search(principal: Principal, query: KnowledgeQuery): Promise<KnowledgeResult> {
    requireReadScope(principal);
    await this.refresh();
    return this.index!.query(query);
  }

  /** Brings the index up to date (unless it was a moment ago); concurrent callers share one refresh. */
  refresh(): Promise<void> {
    if (this.index && Date.now() - this.refreshedAt < this.refreshEveryMs) return Promise.resolve();
    this.refreshing ??= this.catchUp().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async catchUp(): Promise<void> {
    const started = Date.now();
    const index = this.index ?? new KnowledgeIndex();
    await Promise.all(KNOWLEDGE_TYPES.map((type) => this.catchUpType(index, type)));
    this.index = index;
    this.refreshedAt = started;
  }

  private async catchUpType(index: KnowledgeIndex, type: string): Promise<void> {
    const seen = this.highWater.get(type);
    const since = seen ? new Date(Date.parse(seen) - this.overlapMs).toISOString() : undefined;
    let cursor: string | undefined;
    let newest = seen;
    do {
      const page = await this.store.list({
        type,
        changedSince: since,
        includeDeleted: since !== undefined,
        limit: 500,
        cursor,
      });
      for (const record of page.items) {
        index.apply(record);
        if (!newest || record.updatedAt > newest) newest = record.updatedAt;
      }
      cursor = page.more ? page.cursor : undefined;
    } while (cursor);
    if (newest) this.highWater.set(type, newest);
  }
}
