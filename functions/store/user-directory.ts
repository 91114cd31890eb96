import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import {
  type DirectoryEntry,
  type DirectoryKind,
  directoryEntry,
  normalisedKey,
  type UserDirectory,
} from '../domain/user-directory.ts';
import { clientPk, PROFILE_SK, userPk } from './keys.ts';
import { TABLE_INDEXES } from './table-schema.ts';

/**
 * Directory entries are listed (for the reminders job) through the by-type index under this
 * partition, beside the record types; no record type has this name.
 */
const DIRECTORY_LISTING = 'DIRECTORY#user';

/** The user directory in the records table (one item per person or machine client). */
export class DynamoUserDirectory implements UserDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private pk(kind: DirectoryKind, key: string) {
    const normalised = normalisedKey(kind, key);
    return kind === 'user' ? userPk(normalised) : clientPk(normalised);
  }

  async find(kind: DirectoryKind, key: string): Promise<DirectoryEntry | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: this.pk(kind, key), sk: PROFILE_SK } }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, gsi3pk: _gsi3pk, gsi3sk: _gsi3sk, ...entry } = result.Item;
    return entry as DirectoryEntry;
  }

  /** Every person in the directory (not machine clients), for jobs that write to people. */
  async listUsers(): Promise<DirectoryEntry[]> {
    const users: DirectoryEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: TABLE_INDEXES.byType.name,
          KeyConditionExpression: 'gsi3pk = :listing',
          ExpressionAttributeValues: { ':listing': DIRECTORY_LISTING },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk: _sk, gsi3pk: _gsi3pk, gsi3sk: _gsi3sk, ...entry } = item;
        users.push(entry as DirectoryEntry);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return users;
  }

  async put(
    kind: DirectoryKind,
    key: string,
    entry: Parameters<UserDirectory['put']>[2],
    by: string,
  ): Promise<DirectoryEntry> {
    const item = directoryEntry(kind, key, entry, by);
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: this.pk(kind, key),
          sk: PROFILE_SK,
          ...item,
          ...(kind === 'user' ? { gsi3pk: DIRECTORY_LISTING, gsi3sk: item.key } : {}),
        },
      }),
    );
    return item;
  }

  async remove(kind: DirectoryKind, key: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: this.pk(kind, key), sk: PROFILE_SK } }),
    );
  }
}
