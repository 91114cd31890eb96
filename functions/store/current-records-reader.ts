import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectorySource } from '../directory/live-directory.ts';
import type { StoredRecord } from '../records/definition.ts';
import { indexFor, toRecord } from './keys.ts';

/**
 * Reads the current records of a type through the by-type index, every one or those changed since
 * a moment, and nothing else: the public website's function bundles this instead of `RecordStore`,
 * so its code (and its IAM grant) can only query the table, never write it.
 */
export class CurrentRecordsReader implements DirectorySource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *changes(type: string, since?: string, pageSize = 500): AsyncGenerator<StoredRecord[]> {
    const index = indexFor(type);
    let next: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: since ? '#pk = :p AND #sk >= :since' : '#pk = :p',
          // A full read leaves tombstones out; changes keep them, so removals reach the reader.
          ...(since ? {} : { FilterExpression: 'attribute_not_exists(deletedAt)' }),
          ExpressionAttributeNames: { '#pk': index.partitionKey, ...(since ? { '#sk': index.sortKey } : {}) },
          ExpressionAttributeValues: { ':p': index.partition, ...(since ? { ':since': since } : {}) },
          Limit: pageSize,
          ExclusiveStartKey: next,
        }),
      );
      const items = (result.Items ?? []).map(toRecord);
      if (items.length > 0) yield items;
      next = result.LastEvaluatedKey;
    } while (next);
  }

  /** Every record of a type, tombstones included when asked (a deleted public event goes to calendars as cancelled). */
  async *pages(
    type: string,
    _regionId?: string,
    pageSize = 500,
    includeDeleted = false,
  ): AsyncGenerator<StoredRecord[]> {
    for await (const page of this.changes(type, includeDeleted ? '0' : undefined, pageSize)) yield page;
  }
}
