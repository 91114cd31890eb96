import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SentLog } from '../reminders/ports.ts';
import { remindersPk, SENT_LOG_DAYS, sentSk } from './keys.ts';

/**
 * The reminders' sent log in the records table: per person and day, a marker for the email and
 * one item per reminder it carried, all written in one transaction that succeeds only if none of
 * them exists. Entries expire (DynamoDB TTL on `expiresAt`) after a little over a year.
 */
export class DynamoSentLog implements SentLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(email: string, day: string, itemKeys: readonly string[], at: string): Promise<boolean> {
    const pk = remindersPk(email);
    const expiresAt = Math.floor(Date.parse(at) / 1000) + SENT_LOG_DAYS * 86_400;
    const put = (sk: string, extra: Record<string, unknown>) => ({
      Put: {
        TableName: this.tableName,
        Item: { pk, sk, day, expiresAt, ...extra },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            put(sentSk(day), { state: 'claimed', claimedAt: at, itemKeys: [...itemKeys] }),
            ...itemKeys.map((key) => put(sentSk(day, key), { itemKey: key })),
          ],
        }),
      );
      return true;
    } catch (error) {
      // The day's marker exists: another run claimed this person's day first.
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')
      ) {
        return false;
      }
      throw error;
    }
  }

  async markSent(email: string, day: string, messageId: string, at: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: remindersPk(email), sk: sentSk(day) },
        UpdateExpression: 'SET #state = :sent, messageId = :id, sentAt = :at',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':at': at },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  async release(email: string, day: string, itemKeys: readonly string[]): Promise<void> {
    const pk = remindersPk(email);
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [sentSk(day), ...itemKeys.map((key) => sentSk(day, key))].map((sk) => ({
          Delete: { TableName: this.tableName, Key: { pk, sk } },
        })),
      }),
    );
  }

  async sentItems(email: string, day: string): Promise<string[]> {
    const result = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': remindersPk(email), ':sk': sentSk(day) },
        ConsistentRead: true,
      }),
    );
    const marker = result.Items?.[0];
    return marker?.state === 'sent' ? (marker.itemKeys as string[]) : [];
  }
}
