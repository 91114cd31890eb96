import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Page } from '../domain/record-repository.ts';
import type { WebhookEndpoint } from '../webhooks/endpoint.ts';
import type { DeliveryAttempt, WebhookStore } from '../webhooks/ports.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { TABLE_INDEXES, TTL_ATTRIBUTE } from './table-schema.ts';

/**
 * Webhook endpoints and their delivery logs in the records table:
 * - endpoint: `pk = WEBHOOK#<id>`, `sk = ENDPOINT`, on the byType index as `WEBHOOKS` /
 *   `<client id>#<id>`, so one query lists a client's endpoints and one every endpoint;
 * - attempt:  `pk = WEBHOOK#<id>`, `sk = ATTEMPT#<time>#<event id>#<attempt>`, expiring with the
 *   change events (30 days).
 */
const ENDPOINT_SK = 'ENDPOINT';
const ATTEMPT_PREFIX = 'ATTEMPT#';
const WEBHOOKS_PARTITION = 'WEBHOOKS';
const ATTEMPT_DAYS = 30;

const webhookPk = (id: string) => `WEBHOOK#${id}`;

type Item = Record<string, unknown>;

function toEndpoint(item: Item): WebhookEndpoint {
  const { pk: _pk, sk: _sk, gsi3pk: _p, gsi3sk: _s, ...endpoint } = item;
  return endpoint as unknown as WebhookEndpoint;
}

export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(endpoint: WebhookEndpoint, expectedVersion: number | null): Promise<boolean> {
    const index = TABLE_INDEXES.byType;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: webhookPk(endpoint.id),
            sk: ENDPOINT_SK,
            ...endpoint,
            [index.partitionKey]: WEBHOOKS_PARTITION,
            [index.sortKey]: `${endpoint.clientId}#${endpoint.id}`,
          },
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof ConditionalCheckFailedException ||
        (error as Error).name === 'ConditionalCheckFailedException'
      ) {
        return false;
      }
      throw error;
    }
  }

  async get(id: string): Promise<WebhookEndpoint | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: webhookPk(id), sk: ENDPOINT_SK },
        ConsistentRead: true,
      }),
    );
    return result.Item ? toEndpoint(result.Item) : undefined;
  }

  async listByClient(clientId: string): Promise<WebhookEndpoint[]> {
    return this.queryEndpoints(`${clientId}#`);
  }

  async listEnabled(): Promise<WebhookEndpoint[]> {
    return (await this.queryEndpoints()).filter((e) => e.status === 'enabled');
  }

  async remove(id: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: webhookPk(id), sk: ENDPOINT_SK } }),
    );
  }

  async recordAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: webhookPk(attempt.endpointId),
          sk: `${ATTEMPT_PREFIX}${attempt.at}#${attempt.eventId}#${String(attempt.attempt).padStart(2, '0')}`,
          ...attempt,
          [TTL_ATTRIBUTE]: Math.floor(Date.parse(attempt.at) / 1000) + ATTEMPT_DAYS * 86_400,
        },
      }),
    );
  }

  async attempts(endpointId: string, limit: number, cursor?: string): Promise<Page<DeliveryAttempt>> {
    const queryId = `attempts:${endpointId}`;
    const start = cursor ? decodeCursor(cursor, queryId) : undefined;
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': webhookPk(endpointId), ':a': ATTEMPT_PREFIX },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: start?.k,
      }),
    );
    const items = (result.Items ?? []).map(
      ({ pk: _pk, sk: _sk, [TTL_ATTRIBUTE]: _t, ...attempt }) => attempt as unknown as DeliveryAttempt,
    );
    const next = result.LastEvaluatedKey as Record<string, string> | undefined;
    return { items, more: !!next, ...(next ? { cursor: encodeCursor({ v: 1, q: queryId, k: next }) } : {}) };
  }

  private async queryEndpoints(prefix?: string): Promise<WebhookEndpoint[]> {
    const index = TABLE_INDEXES.byType;
    const endpoints: WebhookEndpoint[] = [];
    let start: Item | undefined;
    do {
      const result = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index.name,
          KeyConditionExpression: prefix ? '#pk = :p AND begins_with(#sk, :prefix)' : '#pk = :p',
          ExpressionAttributeNames: {
            '#pk': index.partitionKey,
            ...(prefix ? { '#sk': index.sortKey } : {}),
          },
          ExpressionAttributeValues: { ':p': WEBHOOKS_PARTITION, ...(prefix ? { ':prefix': prefix } : {}) },
          ExclusiveStartKey: start,
        }),
      );
      endpoints.push(...(result.Items ?? []).map(toEndpoint));
      start = result.LastEvaluatedKey;
    } while (start);
    return endpoints;
  }
}
