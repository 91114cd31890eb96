import { BatchGetCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type DigestRecipient, type DigestUnsubscribes, recipientKey } from '../digest/ports.ts';
import { digestPk, digestUnsubscribedSk } from './keys.ts';

const BATCH = 100;

/**
 * Members' unsubscribes from LEC groups' digests, in the person's digest partition beside the
 * sent log: written by the one-click link (the public API), read in batches by the digest run, so
 * the next run after a click sends nothing to that member of that group.
 */
export class DynamoDigestUnsubscribes implements DigestUnsubscribes {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async unsubscribe(
    email: string,
    groupId: string,
    by: string,
    at = new Date().toISOString(),
  ): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: digestPk(email),
          sk: digestUnsubscribedSk(groupId),
          groupId,
          email: email.toLowerCase(),
          unsubscribedAt: at,
          by,
        },
      }),
    );
  }

  async isUnsubscribed(email: string, groupId: string): Promise<boolean> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: digestPk(email), sk: digestUnsubscribedSk(groupId) },
        ConsistentRead: true,
      }),
    );
    return result.Item !== undefined;
  }

  async unsubscribed(recipients: readonly DigestRecipient[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const keys = [...new Map(recipients.map((r) => [recipientKey(r), r])).values()].map((r) => ({
      pk: digestPk(r.email),
      sk: digestUnsubscribedSk(r.groupId),
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
          found.set(
            recipientKey({ groupId: item.groupId as string, email: item.email as string }),
            item.unsubscribedAt as string,
          );
        }
        request = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
        if (request?.length) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      }
    }
    return found;
  }
}
