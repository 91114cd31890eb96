import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { StoredRecord } from '../records/definition.ts';
import { type Cursor, decodeCursor, encodeCursor } from './cursor.ts';
import {
  CURRENT_SK,
  councilPartition,
  HISTORY_PREFIX,
  historySk,
  indexAttributes,
  recordPk,
  regionPartition,
} from './keys.ts';
import { type AwaitingItem, awaitingType, sideWrites } from './side-items.ts';
import { TABLE_INDEXES } from './table-schema.ts';

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
  /** ISO timestamp: only records changed at or after it. */
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
  /** The record it replaces, so that side items it no longer needs are removed. */
  previous?: StoredRecord;
  /** The version the writer read; `null` when the record must not exist yet. */
  expectedVersion: number | null;
  history: HistoryEntry;
}

export type WriteOutcome =
  | { status: 'written' }
  | { status: 'conflict' }
  | { status: 'failed'; reason: string };

/**
 * How far back each pull re-reads. A write's timestamp is taken just before it commits, so a
 * pull that ran in between could pass it by; re-reading a window and letting clients skip
 * versions they already have means no change is ever missed.
 */
export const PULL_OVERLAP_MS = 30_000;

/** DynamoDB: 100 actions per transaction; each change is two or more (current, history, side items). */
const ACTIONS_PER_TRANSACTION = 100;
const TRANSACTION_BYTES = 3_500_000;
const MAX_ATTEMPTS = 6;

type Item = Record<string, unknown>;

function toRecord(item: Item): StoredRecord {
  const { pk: _pk, sk: _sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, ...record } = item;
  return record as unknown as StoredRecord;
}

function toHistory(item: Item): HistoryEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as HistoryEntry;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function backoff(attempt: number): Promise<void> {
  return sleep(Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random()));
}

/** Record persistence in the one table: conditional writes with history, paged index queries. */
export class RecordStore {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
  ) {}

  async get(type: string, id: string): Promise<StoredRecord | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: recordPk(type, id), sk: CURRENT_SK },
        ConsistentRead: true,
      }),
    );
    return result.Item ? toRecord(result.Item) : undefined;
  }

  /** Reads many records at once (100 keys per request), keyed by `type#id`. */
  async getMany(keys: { type: string; id: string }[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    const unique = [...new Map(keys.map((k) => [`${k.type}#${k.id}`, k])).values()];
    const chunks: { type: string; id: string }[][] = [];
    for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
    await Promise.all(
      chunks.map(async (chunk) => {
        let requestKeys: Item[] | undefined = chunk.map((k) => ({
          pk: recordPk(k.type, k.id),
          sk: CURRENT_SK,
        }));
        for (let attempt = 0; requestKeys && requestKeys.length > 0; attempt++) {
          if (attempt > 0) await backoff(attempt);
          if (attempt >= MAX_ATTEMPTS) throw new Error('DynamoDB kept returning unprocessed keys');
          const result = await this.client.send(
            new BatchGetCommand({
              RequestItems: { [this.tableName]: { Keys: requestKeys, ConsistentRead: true } },
            }),
          );
          for (const item of result.Responses?.[this.tableName] ?? []) {
            const record = toRecord(item);
            found.set(`${record.type}#${record.id}`, record);
          }
          requestKeys = result.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        }
      }),
    );
    return found;
  }

  /** One version of a record as it was stored, from its history. */
  async version(type: string, id: string, version: number): Promise<HistoryEntry | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: recordPk(type, id), sk: historySk(version) } }),
    );
    return result.Item ? toHistory(result.Item) : undefined;
  }

  /** A record's history, oldest first. */
  async history(type: string, id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>> {
    const queryId = `history:${type}:${id}`;
    const start = cursor ? decodeCursor(cursor, queryId) : undefined;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': recordPk(type, id), ':h': HISTORY_PREFIX },
        Limit: limit,
        ExclusiveStartKey: start?.k,
      }),
    );
    const items = (result.Items ?? []).map(toHistory);
    const next = result.LastEvaluatedKey as Record<string, string> | undefined;
    return { items, more: !!next, cursor: next ? encodeCursor({ v: 1, q: queryId, k: next }) : undefined };
  }

  /** Current records by region, council or nationally, never by scanning. */
  async list(query: ListQuery): Promise<Page<StoredRecord>> {
    const { indexName, partitionKey, sortKey, partition } = this.indexFor(
      query.type,
      query.regionId,
      query.councilId,
    );
    const queryId = `list:${indexName}:${partition}:${query.changedSince ?? ''}:${query.includeDeleted ? 'd' : ''}:${query.newestFirst ? 'desc' : 'asc'}`;
    const start = query.cursor ? decodeCursor(query.cursor, queryId) : undefined;
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: indexName,
      KeyConditionExpression: query.changedSince ? '#pk = :p AND #sk >= :since' : '#pk = :p',
      ExpressionAttributeNames: { '#pk': partitionKey, ...(query.changedSince ? { '#sk': sortKey } : {}) },
      ExpressionAttributeValues: {
        ':p': partition,
        ...(query.changedSince ? { ':since': query.changedSince } : {}),
      },
      ScanIndexForward: !query.newestFirst,
    };
    if (!query.includeDeleted) {
      input.FilterExpression = 'attribute_not_exists(deletedAt)';
    }
    const { items, next } = await this.queryUpTo(input, query.limit, start?.k);
    return { items, more: !!next, cursor: next ? encodeCursor({ v: 1, q: queryId, k: next }) : undefined };
  }

  /**
   * Changes and tombstones since a pull cursor, oldest first. The last page's cursor starts the
   * next pull a little before the newest change seen (see PULL_OVERLAP_MS).
   */
  async pull(query: PullQuery): Promise<Page<StoredRecord> & { cursor: string }> {
    const { indexName, sortKey, partitionKey, partition } = this.indexFor(
      query.type,
      query.regionId,
      query.councilId,
    );
    const queryId = `pull:${indexName}:${partition}`;
    const start: Cursor = query.cursor ? decodeCursor(query.cursor, queryId) : { v: 1, q: queryId };
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: indexName,
      KeyConditionExpression: start.from ? '#pk = :p AND #sk >= :from' : '#pk = :p',
      ExpressionAttributeNames: { '#pk': partitionKey, ...(start.from ? { '#sk': sortKey } : {}) },
      ExpressionAttributeValues: { ':p': partition, ...(start.from ? { ':from': start.from } : {}) },
      ScanIndexForward: true,
    };
    const { items, next } = await this.queryUpTo(input, query.limit, start.k);
    let highWater = start.hw;
    for (const item of items) if (!highWater || item.updatedAt > highWater) highWater = item.updatedAt;
    if (next) {
      return { items, more: true, cursor: encodeCursor({ ...start, k: next, hw: highWater }) };
    }
    const from = highWater ? new Date(Date.parse(highWater) - PULL_OVERLAP_MS).toISOString() : undefined;
    return { items, more: false, cursor: encodeCursor({ v: 1, q: queryId, from, hw: highWater }) };
  }

  /** Every current record of a type (optionally in one region), page by page, for rollups. */
  async *pages(type: string, regionId?: string, pageSize = 500): AsyncGenerator<StoredRecord[]> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ type, regionId, limit: pageSize, cursor });
      if (page.items.length > 0) yield page.items;
      cursor = page.more ? page.cursor : undefined;
    } while (cursor);
  }

  /**
   * Stores changes, each with its history entry in the same transaction and conditional on the
   * version its writer read. Changes are grouped into as few transactions as DynamoDB allows;
   * a change whose condition fails is reported as a conflict and the rest are retried, so every
   * change gets its own outcome and none is half-written.
   */
  async writeAll(writes: PendingWrite[]): Promise<WriteOutcome[]> {
    const outcomes: (WriteOutcome | undefined)[] = new Array(writes.length);
    let pending = writes.map((_, index) => index);
    let lastError = '';
    for (let attempt = 0; pending.length > 0 && attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const retry: number[] = [];
      await Promise.all(
        this.chunk(pending, writes).map(async (chunk) => {
          try {
            await this.client.send(
              new TransactWriteCommand({
                TransactItems: chunk.flatMap((index) => this.transactItems(writes[index]!)),
                // Lets the SDK retry a timed-out commit without it failing its own condition.
                ClientRequestToken: randomUUID(),
              }),
            );
            for (const index of chunk) outcomes[index] = { status: 'written' };
          } catch (error) {
            const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
            if (reasons) {
              let offset = 0;
              for (const index of chunk) {
                const actions = this.transactItems(writes[index]!).length;
                const codes = reasons.slice(offset, offset + actions).map((r) => r?.Code);
                offset += actions;
                if (codes.includes('ConditionalCheckFailed')) outcomes[index] = { status: 'conflict' };
                else retry.push(index);
              }
              lastError = 'the database was busy with other changes to the same records';
            } else {
              retry.push(...chunk);
              lastError = (error as Error).message || (error as Error).name;
            }
          }
        }),
      );
      pending = retry;
    }
    for (const index of pending) {
      outcomes[index] = {
        status: 'failed',
        reason: `could not be saved (${lastError}); nothing was changed, push it again`,
      };
    }
    return outcomes as WriteOutcome[];
  }

  private transactItems(write: PendingWrite) {
    const { record } = write;
    const pk = recordPk(record.type, record.id);
    const current = {
      Put: {
        TableName: this.tableName,
        Item: { pk, sk: CURRENT_SK, ...record, ...indexAttributes(record) },
        ...(write.expectedVersion === null
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': write.expectedVersion },
            }),
      },
    };
    const history = {
      Put: {
        TableName: this.tableName,
        Item: { pk, sk: historySk(write.history.version), ...write.history },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const side = sideWrites(record, write.previous).map((w) =>
      'put' in w
        ? { Put: { TableName: this.tableName, Item: w.put } }
        : { Delete: { TableName: this.tableName, Key: w.delete } },
    );
    return [current, history, ...side];
  }

  /** Groups changes within DynamoDB's transaction limits (actions and bytes). */
  private chunk(indices: number[], writes: PendingWrite[]): number[][] {
    const chunks: number[][] = [];
    let current: number[] = [];
    let bytes = 0;
    let actions = 0;
    for (const index of indices) {
      const count = this.transactItems(writes[index]!).length;
      // Each action stores about one copy of the record (current, history, side items).
      const size = JSON.stringify(writes[index]!.record).length * count * 2;
      if (
        current.length > 0 &&
        (actions + count > ACTIONS_PER_TRANSACTION || bytes + size > TRANSACTION_BYTES)
      ) {
        chunks.push(current);
        current = [];
        bytes = 0;
        actions = 0;
      }
      current.push(index);
      bytes += size;
      actions += count;
    }
    if (current.length > 0) chunks.push(current);
    return chunks;
  }

  /** Open sign-offs of a party in a council, a region or nationally, oldest request first. */
  async listAwaiting(query: {
    party: 'ceg' | 'taskforce';
    regionId?: string;
    councilId?: string;
    limit: number;
    cursor?: string;
  }): Promise<Page<AwaitingItem>> {
    const type = awaitingType(query.party);
    const { indexName, partitionKey, partition } = this.indexFor(type, query.regionId, query.councilId);
    const queryId = `awaiting:${indexName}:${partition}`;
    const start = query.cursor ? decodeCursor(query.cursor, queryId) : undefined;
    const { items, next } = await this.queryUpTo(
      {
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#pk = :p',
        ExpressionAttributeNames: { '#pk': partitionKey },
        ExpressionAttributeValues: { ':p': partition },
        ScanIndexForward: true,
      },
      query.limit,
      start?.k,
    );
    return {
      items: items as unknown as AwaitingItem[],
      more: !!next,
      cursor: next ? encodeCursor({ v: 1, q: queryId, k: next }) : undefined,
    };
  }

  private indexFor(type: string, regionId?: string, councilId?: string) {
    if (councilId) {
      const i = TABLE_INDEXES.byCouncil;
      return {
        indexName: i.name,
        partitionKey: i.partitionKey,
        sortKey: i.sortKey,
        partition: councilPartition(type, councilId),
      };
    }
    if (regionId) {
      const i = TABLE_INDEXES.byRegion;
      return {
        indexName: i.name,
        partitionKey: i.partitionKey,
        sortKey: i.sortKey,
        partition: regionPartition(type, regionId),
      };
    }
    const i = TABLE_INDEXES.byType;
    return { indexName: i.name, partitionKey: i.partitionKey, sortKey: i.sortKey, partition: type };
  }

  /** Follows DynamoDB pages until `limit` items are collected (filters can thin a page). */
  private async queryUpTo(input: QueryCommandInput, limit: number, startKey?: Record<string, string>) {
    const items: StoredRecord[] = [];
    let next: Record<string, string> | undefined = startKey;
    do {
      const result = await this.client.send(
        new QueryCommand({ ...input, Limit: limit - items.length, ExclusiveStartKey: next }),
      );
      items.push(...(result.Items ?? []).map(toRecord));
      next = result.LastEvaluatedKey as Record<string, string> | undefined;
    } while (next && items.length < limit);
    return { items, next };
  }
}
