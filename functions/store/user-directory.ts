import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { PARTY_ROLES, ROLES } from '../records/definition.ts';
import { PARTIES } from '../records/sign-offs.ts';
import { clientPk, PROFILE_SK, userPk } from './keys.ts';
import { TABLE_INDEXES } from './table-schema.ts';

/**
 * Directory entries are listed (for the reminders job) through the by-type index under this
 * partition, beside the record types; no record type has this name.
 */
const DIRECTORY_LISTING = 'DIRECTORY#user';

/**
 * A person (by verified email) or a machine client (by client id): their party, role and reach.
 * CEG people reach regions; a Taskforce mayor's office (role `council`) reaches its councils, and
 * its regions are those councils' regions (filled in when the entry is saved).
 */
export const directoryEntrySchema = z
  .strictObject({
    party: z.enum(PARTIES, { error: 'expected ceg or taskforce' }).optional(),
    role: z.enum(ROLES, { error: `expected one of: ${ROLES.join(', ')}` }),
    regionIds: z.array(z.string().min(1)).max(20),
    councilIds: z.array(z.string().min(1)).max(20).optional(),
    name: z.string().max(200).optional(),
  })
  .superRefine((entry, ctx) => {
    const party = entry.party ?? 'ceg';
    if (!PARTY_ROLES[party].includes(entry.role)) {
      ctx.addIssue({
        code: 'custom',
        path: ['role'],
        message: `${party === 'ceg' ? 'CEG' : 'Taskforce'} people are ${PARTY_ROLES[party].join(' or ')}, not ${entry.role}`,
      });
    }
    if (entry.role === 'council' && !entry.councilIds?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['councilIds'],
        message: "name the councils of this mayor's office",
      });
    }
    if (entry.role !== 'council' && entry.councilIds?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['councilIds'],
        message: "only a mayor's office (role council) is tied to councils; leave councilIds out",
      });
    }
  });

export type DirectoryEntry = z.infer<typeof directoryEntrySchema> & {
  kind: 'user' | 'client';
  key: string;
  updatedAt: string;
  updatedBy: string;
};

/** The user directory: verified identity → role and regions. Lives in the records table. */
export class UserDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private pk(kind: 'user' | 'client', key: string) {
    return kind === 'user' ? userPk(key) : clientPk(key);
  }

  async find(kind: 'user' | 'client', key: string): Promise<DirectoryEntry | undefined> {
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
    kind: 'user' | 'client',
    key: string,
    entry: z.infer<typeof directoryEntrySchema>,
    by: string,
  ): Promise<DirectoryEntry> {
    const normalisedKey = kind === 'user' ? key.toLowerCase() : key;
    const item: DirectoryEntry = {
      ...entry,
      kind,
      key: normalisedKey,
      updatedAt: new Date().toISOString(),
      updatedBy: by,
    };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: this.pk(kind, normalisedKey),
          sk: PROFILE_SK,
          ...item,
          ...(kind === 'user' ? { gsi3pk: DIRECTORY_LISTING, gsi3sk: normalisedKey } : {}),
        },
      }),
    );
    return item;
  }

  async remove(kind: 'user' | 'client', key: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: this.pk(kind, key), sk: PROFILE_SK } }),
    );
  }
}
