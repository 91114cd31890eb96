import { randomUUID } from 'node:crypto';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { boundedChunks, utf8Length } from '../domain/bounded-chunks.ts';
import { COMMIT_DEADLINE_MS } from '../domain/change-events.ts';
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
import { changeEventItem, stampClock } from './change-event-items.ts';
import { type Cursor, decodeCursor, encodeCursor, pullCursor } from './cursor.ts';
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
import { failureReason } from './unanswered-calls.ts';

/** DynamoDB: 100 actions per transaction; each change is three or more (current, history, change event, side items). */
const ACTIONS_PER_TRANSACTION = 100;
const TRANSACTION_BYTES = 3_500_000;
const MAX_ATTEMPTS = 6;
/** Transactions one write sends at a time (a push of 500 rows makes about fifteen). */
const TRANSACTIONS_IN_FLIGHT = 8;

type Item = Record<string, unknown>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function backoff(attempt: number): Promise<void> {
  return sleep(Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random()));
}

/** The record repository in the one DynamoDB table: conditional writes with history, paged index queries. */
export class RecordStore implements RecordRepository {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    /** The clock that stamps transactions (change events' order); a test may hold it. */
    private readonly now: () => number = Date.now,
  ) {
    this.stamp = stampClock(now);
  }

  private readonly stamp: () => number;

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

  /** Reads many records of one type at once (100 keys per request), keyed by id. */
  async getMany(type: string, ids: readonly string[]): Promise<Map<string, StoredRecord>> {
    const found = new Map<string, StoredRecord>();
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
    await Promise.all(
      chunks.map(async (chunk) => {
        let requestKeys: Item[] | undefined = chunk.map((id) => ({ pk: recordPk(type, id), sk: CURRENT_SK }));
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
            found.set(record.id, record);
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
    const { indexName, partitionKey, sortKey, partition } = indexFor(
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
    const { indexName, sortKey, partitionKey, partition } = indexFor(
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
    return { items, more: !!next, cursor: pullCursor(start, items, next) };
  }

  pages(type: string, regionId?: string, pageSize?: number): AsyncGenerator<StoredRecord[]> {
    return listPages(this, type, regionId, pageSize);
  }

  /**
   * Stores changes, each with its history entry in the same transaction and conditional on the
   * version its writer read. Changes are grouped into as few transactions as DynamoDB allows;
   * a change whose condition fails is reported as a conflict and the rest are retried, so every
   * change gets its own outcome and none is half-written.
   */
  async writeAll(writes: readonly PendingWrite[]): Promise<WriteOutcome[]> {
    const outcomes: (WriteOutcome | undefined)[] = new Array(writes.length);
    // A closure, not a method: the least-privilege test finds the transaction's writes where
    // writeAll is called, and a method called on `this` would count wherever the store is bundled.
    /**
     * One transaction of changes: stamped and built just before it is first sent, then sent again
     * with the very same items and token (ClientRequestToken) until it commits, or its changes are
     * found in conflict, or it is too old to send. The change feed reads a little behind now
     * (CHANGE_SETTLE_MS), trusting that nothing stamped earlier is still on its way, so a
     * transaction older than COMMIT_DEADLINE_MS is not sent again: its changes go as a new one.
     * After MAX_ATTEMPTS in all they are reported unsaved ("push again").
     */
    const commit = async (
      indices: number[],
      attemptsUsed: number,
      previousError: { reason: string; cause?: unknown },
    ): Promise<void> => {
      let lastError = previousError;
      if (attemptsUsed >= MAX_ATTEMPTS) return this.fail(indices, outcomes, lastError);
      if (attemptsUsed > 0) await backoff(attemptsUsed);
      const stamp = this.stamp();
      const items = indices.flatMap((index) => this.transactItems(writes[index]!, stamp));
      const token = randomUUID();
      for (let attempt = attemptsUsed; attempt < MAX_ATTEMPTS; attempt++) {
        if (attempt > attemptsUsed) {
          await backoff(attempt);
          // Too old to send again: the same changes go as a new transaction, stamped now. Should the
          // old one have committed after all, the new one fails its conditions and the service
          // recognises the change as its own (RecordService.push); the old one was last sent in time.
          if (this.now() - stamp > COMMIT_DEADLINE_MS) return commit(indices, attempt, lastError);
        }
        try {
          await this.client.send(
            new TransactWriteCommand({
              TransactItems: items,
              // The same token on every retry of the same transaction: for ten minutes DynamoDB
              // answers a retry of a committed transaction with success instead of running it again.
              ClientRequestToken: token,
            }),
          );
          for (const index of indices) outcomes[index] = { status: 'written' };
          return;
        } catch (error) {
          const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
          if (reasons) {
            // A cancelled transaction wrote nothing: its other changes go again as a new one.
            const rest: number[] = [];
            let offset = 0;
            for (const index of indices) {
              const actions = this.actionCount(writes[index]!);
              const codes = reasons.slice(offset, offset + actions).map((r) => r?.Code);
              offset += actions;
              if (codes.includes('ConditionalCheckFailed')) outcomes[index] = { status: 'conflict' };
              else rest.push(index);
            }
            if (rest.length === 0) return;
            return commit(rest, attempt + 1, {
              reason: 'the database was busy with other changes to the same records',
              cause: error,
            });
          }
          // Timed out, connection lost, throttled: it may or may not have committed. The retry
          // keeps the token; should it still fail its own condition, the service recognises the
          // change as its own (RecordService.push). The error's code or name, not its message: a
          // message can carry the database's address.
          lastError = { reason: failureReason(error), cause: error };
        }
      }
      this.fail(indices, outcomes, lastError);
    };

    const queue = this.chunk(
      writes.map((_, index) => index),
      writes,
    );
    // A few transactions at a time, each stamped when it is taken: sent all at once, the later
    // ones waited in the HTTP client and the database behind the first, and reached their
    // deadline on their first retry (a 5,000-row push left rows unsaved on DynamoDB Local).
    await Promise.all(
      Array.from({ length: Math.min(TRANSACTIONS_IN_FLIGHT, queue.length) }, async () => {
        for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
          await commit(chunk, 0, { reason: '' });
        }
      }),
    );
    return outcomes as WriteOutcome[];
  }

  private fail(
    indices: number[],
    outcomes: (WriteOutcome | undefined)[],
    lastError: { reason: string; cause?: unknown },
  ): void {
    for (const index of indices) {
      outcomes[index] = {
        status: 'failed',
        reason: `could not be saved: the database did not answer (${lastError.reason || 'it took too long'})`,
        cause: lastError.cause,
      };
    }
  }

  private actionCount(write: PendingWrite): number {
    return 3 + sideWrites(write.record, write.previous).length;
  }

  /** The current item, its history entry, its change event and its side items. */
  private transactItems(write: PendingWrite, stamp: number) {
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
    const event = { Put: { TableName: this.tableName, Item: changeEventItem(write, stamp) } };
    const side = sideWrites(record, write.previous).map((w) =>
      'put' in w
        ? { Put: { TableName: this.tableName, Item: w.put } }
        : { Delete: { TableName: this.tableName, Key: w.delete } },
    );
    return [current, history, event, ...side];
  }

  /** Groups changes within DynamoDB's transaction limits (actions and bytes). */
  private chunk(indices: number[], writes: readonly PendingWrite[]): number[][] {
    const sized = indices.map((index) => ({ index, actions: this.actionCount(writes[index]!) }));
    return boundedChunks(sized, {
      maxCount: ACTIONS_PER_TRANSACTION,
      maxBytes: TRANSACTION_BYTES,
      count: (write) => write.actions,
      // Each action stores about one copy of the record (current, history, side items); the
      // change event is far smaller, so the estimate stays on the safe side.
      bytes: (write) => utf8Length(JSON.stringify(writes[write.index]!.record)) * write.actions * 2,
    }).map((chunk) => chunk.map((write) => write.index));
  }

  /** Open sign-offs of a party in a council, a region or nationally, oldest request first. */
  async listAwaiting(query: AwaitingQuery): Promise<Page<AwaitingItem>> {
    const type = awaitingType(query.party);
    const { indexName, partitionKey, partition } = indexFor(type, query.regionId, query.councilId);
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
