import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DirectorySource } from '../directory/public-directory.ts';
import type { StoredRecord } from '../records/definition.ts';
import { indexFor, toRecord } from './keys.ts';

/**
 * Reads every current record of a type through the by-type index, and nothing else: the public
 * website's function bundles this instead of `RecordStore`, so its code (and its IAM grant) can
 * only query the table, never write it.
 */
export class CurrentRecordsReader implements DirectorySource {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *pages(type: string, _regionId?: string, pageSize = 500): AsyncGenerator<StoredRecord[]> {
    const index = indexFor(type);
    let next: Record<string, unknown> | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :p',
          FilterExpression: 'attribute_not_exists(deletedAt)',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':p': index.partition },
          Limit: pageSize,
          ExclusiveStartKey: next,
        }),
      );
      const items = (result.Items ?? []).map(toRecord);
      if (items.length > 0) yield items;
      next = result.LastEvaluatedKey;
    } while (next);
  }
}
