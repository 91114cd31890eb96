import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { LastDigest } from '../digest/planner.ts';
import { type DigestRecipient, type DigestSentLog, recipientKey, type SentDigest } from '../digest/ports.ts';
import { digestPk, digestSk, SENT_LOG_DAYS } from './keys.ts';

/** BatchGetItem takes at most 100 keys. */
const BATCH = 100;

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string }).name === 'ConditionalCheckFailedException';
}

/**
 * The digests' sent log in the records table, in each person's own partition (`DIGEST#<email>`):
 * a marker per group and period, put only if absent (the claim), which keeps the digest as sent for
 * its web version; and the member's last digest of each group, read in batches of 100 for a run.
 * Entries expire (DynamoDB TTL on `expiresAt`) after a little over a year.
 */
export class DynamoDigestSentLog implements DigestSentLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private expiresAt(at: string): number {
    return Math.floor(Date.parse(at) / 1000) + SENT_LOG_DAYS * 86_400;
  }

  async lastDigests(recipients: readonly DigestRecipient[]): Promise<Map<string, LastDigest>> {
    const found = new Map<string, LastDigest>();
    const keys = [...new Map(recipients.map((r) => [recipientKey(r), r])).values()].map((r) => ({
      pk: digestPk(r.email),
      sk: digestSk(r.groupId),
    }));
    for (let i = 0; i < keys.length; i += BATCH) {
      let request: Record<string, unknown>[] | undefined = keys.slice(i, i + BATCH);
      for (let attempt = 0; request && request.length > 0; attempt++) {
        const result = await this.client.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: request, ConsistentRead: true } },
          }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          found.set(recipientKey({ groupId: item.groupId as string, email: item.email as string }), {
            periodStart: item.periodStart as string,
            coveredUntil: item.coveredUntil as string,
          });
        }
        request = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (request?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
    return found;
  }

  async claim(recipient: DigestRecipient, periodStart: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: digestPk(recipient.email),
            sk: digestSk(recipient.groupId, periodStart),
            groupId: recipient.groupId,
            email: recipient.email.toLowerCase(),
            periodStart,
            state: 'claimed',
            claimedAt: at,
            expiresAt: this.expiresAt(at),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markSent(
    recipient: DigestRecipient,
    periodStart: string,
    messageId: string,
    sent: SentDigest,
  ): Promise<void> {
    const pk = digestPk(recipient.email);
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk: digestSk(recipient.groupId, periodStart) },
        UpdateExpression: 'SET #state = :sent, messageId = :id, sentAt = :at, digest = :digest',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':at': sent.sentAt, ':digest': sent },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    await this.client
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk,
            sk: digestSk(recipient.groupId),
            groupId: recipient.groupId,
            email: recipient.email.toLowerCase(),
            periodStart,
            coveredUntil: sent.coveredUntil,
            sentAt: sent.sentAt,
            expiresAt: this.expiresAt(sent.sentAt),
          },
          // Never move "last digest" back to an older period (a late retry of last month's).
          ConditionExpression: 'attribute_not_exists(pk) OR periodStart <= :period',
          ExpressionAttributeValues: { ':period': periodStart },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async release(recipient: DigestRecipient, periodStart: string): Promise<void> {
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: digestPk(recipient.email), sk: digestSk(recipient.groupId, periodStart) },
          ConditionExpression: '#state = :claimed',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed' },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async sentDigest(recipient: DigestRecipient, periodStart: string): Promise<SentDigest | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: digestPk(recipient.email), sk: digestSk(recipient.groupId, periodStart) },
      }),
    );
    return result.Item?.state === 'sent' ? (result.Item.digest as SentDigest) : undefined;
  }
}
