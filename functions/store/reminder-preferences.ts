import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  CADENCES,
  defaultPreferences,
  type PreferencesChange,
  REMINDER_KINDS,
  type ReminderPreferences,
} from '../reminders/kinds.ts';
import type { PreferenceStore } from '../reminders/ports.ts';
import { PREFERENCES_SK, remindersPk } from './keys.ts';

/** Stored choices over the defaults, so a kind added later starts as its default for everyone. */
function withDefaults(stored: Record<string, unknown> | undefined): ReminderPreferences {
  const preferences = defaultPreferences();
  for (const kind of REMINDER_KINDS) {
    const cadence = stored?.[kind];
    if (typeof cadence === 'string' && (CADENCES as readonly string[]).includes(cadence)) {
      preferences[kind] = cadence as ReminderPreferences[typeof kind];
    }
  }
  return preferences;
}

/** Each person's reminder settings, one item per person in the records table. */
export class DynamoPreferenceStore implements PreferenceStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(email: string): Promise<ReminderPreferences> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: remindersPk(email), sk: PREFERENCES_SK },
        ConsistentRead: true,
      }),
    );
    return withDefaults(result.Item?.cadences);
  }

  async getMany(emails: readonly string[]): Promise<Map<string, ReminderPreferences>> {
    const found = new Map<string, ReminderPreferences>();
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = unique
        .slice(i, i + 100)
        .map((email) => ({ pk: remindersPk(email), sk: PREFERENCES_SK }));
      // BatchGet may hand back unprocessed keys under load; ask again until none are left.
      for (let attempt = 0; keys && keys.length > 0; attempt++) {
        if (attempt > 5) throw new Error('DynamoDB kept returning unprocessed keys for reminder settings');
        const result: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          found.set(item.email as string, withDefaults(item.cadences));
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    for (const email of unique) if (!found.has(email)) found.set(email, defaultPreferences());
    return found;
  }

  async update(email: string, change: PreferencesChange, by: string): Promise<ReminderPreferences> {
    const next = await this.get(email);
    for (const kind of REMINDER_KINDS) {
      const cadence = change[kind];
      if (cadence) next[kind] = cadence;
    }
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: remindersPk(email),
          sk: PREFERENCES_SK,
          email: email.toLowerCase(),
          cadences: next,
          updatedAt: new Date().toISOString(),
          updatedBy: by,
        },
      }),
    );
    return next;
  }
}
