import {
  type ChangeEvent,
  type ChangeLog,
  type ChangePage,
  type ChangeQuery,
  inScope,
  matchesTypes,
} from '../domain/change-events.ts';
import {
  type AwaitingItem,
  type AwaitingQuery,
  type HistoryEntry,
  type ListQuery,
  listPages,
  type Page,
  type PendingWrite,
  type PullQuery,
  type RecordRepository,
  type WriteOutcome,
} from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';
import {
  CHANGE_EVENT_SK,
  CHANGES_PARTITION,
  changeEventItem,
  changeEventPk,
  positionUntil,
  stampClock,
  toChangeEvent,
} from './change-event-items.ts';
import {
  type Cursor,
  changeCursor,
  changeCursorPosition,
  decodeCursor,
  encodeCursor,
  pullCursor,
} from './cursor.ts';
import {
  CURRENT_SK,
  HISTORY_PREFIX,
  historySk,
  indexAttributes,
  indexFor,
  recordPk,
  toHistory,
  toRecord,
} from './keys.ts';
import { awaitingType, sideWrites } from './side-items.ts';

type Item = Record<string, unknown>;

/**
 * The record repository in memory, for the offline tests and anything else that needs no
 * database. It keeps the one table's items exactly as the DynamoDB store writes them (the same
 * keys, index attributes and side items, from keys.ts and side-items.ts) and answers queries the
 * way the indexes do, so it honours the same contract (test/support/record-repository-contract.ts).
 * Items are copied in and out, as a database would, so callers cannot change what is stored.
 */
export class MemoryRecordStore implements RecordRepository, ChangeLog {
  private readonly items = new Map<string, Item>();

  /** Stamps each change's event (its place in the change log). */
  private readonly stamp: () => number;

  constructor(
    /** The clock behind the stamps; a test may hold it. */
    now: () => number = Date.now,
  ) {
    this.stamp = stampClock(now);
  }

  async get(type: string, id: string): Promise<StoredRecord | undefined> {
    const item = this.item(recordPk(type, id), CURRENT_SK);
    return item && toRecord(item);
  }

  async getMany(type: string, ids: readonly string[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    for (const id of ids) {
      const item = this.item(recordPk(type, id), CURRENT_SK);
      if (item) found.set(id, toRecord(item));
    }
    return found;
  }

  async version(type: string, id: string, version: number): Promise<HistoryEntry | undefined> {
    const item = this.item(recordPk(type, id), historySk(version));
    return item && toHistory(item);
  }

  async history(type: string, id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>> {
    const queryId = `history:${type}:${id}`;
    const after = cursor ? decodeCursor(cursor, queryId).k?.after : undefined;
    const pk = recordPk(type, id);
    const entries = [...this.items.values()]
      .filter((item) => item.pk === pk && String(item.sk).startsWith(HISTORY_PREFIX))
      .sort(by('sk'))
      .filter((item) => !after || String(item.sk) > after);
    const page = entries.slice(0, limit);
    const next = entries.length > limit ? { after: String(page.at(-1)!.sk) } : undefined;
    return {
      items: page.map((item) => toHistory(structuredClone(item))),
      more: !!next,
      cursor: next ? encodeCursor({ v: 1, q: queryId, k: next }) : undefined,
    };
  }

  async list(query: ListQuery): Promise<Page<StoredRecord>> {
    const { indexName, partitionKey, sortKey, partition } = indexFor(
      query.type,
      query.regionId,
      query.councilId,
    );
    const queryId = `list:${indexName}:${partition}:${query.changedSince ?? ''}:${query.includeDeleted ? 'd' : ''}:${query.newestFirst ? 'desc' : 'asc'}`;
    const start = query.cursor ? decodeCursor(query.cursor, queryId) : undefined;
    const { items, next } = this.query({
      partitionKey,
      sortKey,
      partition,
      from: query.changedSince,
      descending: query.newestFirst ?? false,
      keep: (item) => query.includeDeleted || item.deletedAt === undefined,
      limit: query.limit,
      after: start?.k?.after,
    });
    return {
      items: items.map(toRecord),
      more: !!next,
      cursor: next ? encodeCursor({ v: 1, q: queryId, k: next }) : undefined,
    };
  }

  async pull(query: PullQuery): Promise<Page<StoredRecord> & { cursor: string }> {
    const { indexName, partitionKey, sortKey, partition } = indexFor(
      query.type,
      query.regionId,
      query.councilId,
    );
    const queryId = `pull:${indexName}:${partition}`;
    const start: Cursor = query.cursor ? decodeCursor(query.cursor, queryId) : { v: 1, q: queryId };
    const { items, next } = this.query({
      partitionKey,
      sortKey,
      partition,
      from: start.from,
      descending: false,
      limit: query.limit,
      after: start.k?.after,
    });
    const records = items.map(toRecord);
    return { items: records, more: !!next, cursor: pullCursor(start, records, next) };
  }

  async listAwaiting(query: AwaitingQuery): Promise<Page<AwaitingItem>> {
    const { indexName, partitionKey, sortKey, partition } = indexFor(
      awaitingType(query.party),
      query.regionId,
      query.councilId,
    );
    const queryId = `awaiting:${indexName}:${partition}`;
    const start = query.cursor ? decodeCursor(query.cursor, queryId) : undefined;
    const { items, next } = this.query({
      partitionKey,
      sortKey,
      partition,
      descending: false,
      limit: query.limit,
      after: start?.k?.after,
    });
    return {
      items: items.map((item) => toRecord(item) as unknown as AwaitingItem),
      more: !!next,
      cursor: next ? encodeCursor({ v: 1, q: queryId, k: next }) : undefined,
    };
  }

  pages(type: string, regionId?: string, pageSize?: number): AsyncGenerator<StoredRecord[]> {
    return listPages(this, type, regionId, pageSize);
  }

  /** Each change is checked and applied on its own, all or nothing, like one change of a transaction. */
  async writeAll(writes: readonly PendingWrite[]): Promise<WriteOutcome[]> {
    return writes.map((write) => {
      const { record } = write;
      const pk = recordPk(record.type, record.id);
      const current = this.item(pk, CURRENT_SK);
      const expected = write.expectedVersion === null ? undefined : write.expectedVersion;
      if (current?.version !== expected || this.item(pk, historySk(write.history.version))) {
        return { status: 'conflict' };
      }
      this.put({ pk, sk: CURRENT_SK, ...record, ...indexAttributes(record) });
      this.put({ pk, sk: historySk(write.history.version), ...write.history });
      this.put(changeEventItem(write, this.stamp()));
      for (const side of sideWrites(record, write.previous)) {
        if ('put' in side) this.put(side.put);
        else this.items.delete(itemKey(side.delete.pk, side.delete.sk));
      }
      return { status: 'written' };
    });
  }

  async changeEvent(id: string): Promise<ChangeEvent | undefined> {
    const item = this.item(changeEventPk(id), CHANGE_EVENT_SK);
    return item && toChangeEvent(item);
  }

  /** Reads the national index's change partition as DynamoDB does, filters applied after the bounds. */
  async changes(query: ChangeQuery): Promise<ChangePage> {
    const after = changeCursorPosition(query.cursor);
    const hi = positionUntil(query.until);
    const ordered = [...this.items.values()]
      .filter((item) => item.gsi3pk === CHANGES_PARTITION)
      .filter(
        (item) =>
          String(item.gsi3sk) <= hi &&
          (after ? String(item.gsi3sk) > after : !query.from || String(item.gsi3sk) >= query.from),
      )
      .sort(by('gsi3sk'));
    const items: ChangeEvent[] = [];
    let position = after;
    for (const item of ordered) {
      if (items.length === query.limit) return { items, more: true, cursor: changeCursor(position) };
      const event = toChangeEvent(structuredClone(item));
      position = String(item.gsi3sk);
      if (inScope(query.scope, event) && matchesTypes(query, event)) items.push(event);
    }
    return { items, more: false, cursor: changeCursor(position) };
  }

  private item(pk: string, sk: string): Item | undefined {
    const item = this.items.get(itemKey(pk, sk));
    return item && structuredClone(item);
  }

  private put(item: Item): void {
    // Like the document client, attributes that are undefined are not stored.
    this.items.set(
      itemKey(String(item.pk), String(item.sk)),
      structuredClone(JSON.parse(JSON.stringify(item))),
    );
  }

  /** An index query: one partition, sorted by its sort key, from a bound, after a position. */
  private query(q: {
    partitionKey: string;
    sortKey: string;
    partition: string;
    from?: string;
    descending: boolean;
    keep?: (item: Item) => boolean;
    limit: number;
    after?: string;
  }): { items: Item[]; next?: { after: string } } {
    const sortOf = (item: Item) => String(item[q.sortKey]);
    const matching = [...this.items.values()]
      .filter((item) => item[q.partitionKey] === q.partition && (!q.from || sortOf(item) >= q.from))
      .sort(by(q.sortKey));
    if (q.descending) matching.reverse();
    const rest = q.after
      ? matching.filter((item) => (q.descending ? sortOf(item) < q.after! : sortOf(item) > q.after!))
      : matching;
    const kept = rest.filter((item) => !q.keep || q.keep(item));
    const page = kept.slice(0, q.limit);
    const next = kept.length > q.limit ? { after: sortOf(page.at(-1)!) } : undefined;
    return { items: page.map((item) => structuredClone(item)), next };
  }
}

function itemKey(pk: string, sk: string): string {
  return `${pk}\u0000${sk}`;
}

function by(attribute: string) {
  return (a: Item, b: Item) => {
    const x = String(a[attribute]);
    const y = String(b[attribute]);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
