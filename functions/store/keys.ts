import type { HistoryEntry } from '../domain/record-repository.ts';
import type { StoredRecord } from '../records/definition.ts';
import { TABLE_INDEXES } from './table-schema.ts';

/** Key builders for the item layouts described in table-schema.ts. */
export const CURRENT_SK = 'CURRENT';
export const HISTORY_PREFIX = 'H#';

export function recordPk(type: string, id: string): string {
  return `R#${type}#${id}`;
}

export function historySk(version: number): string {
  return `${HISTORY_PREFIX}${String(version).padStart(10, '0')}`;
}

export function changeSortKey(updatedAt: string, id: string): string {
  return `${updatedAt}#${id}`;
}

export function regionPartition(type: string, regionId: string): string {
  return `${type}#${regionId}`;
}

export function councilPartition(type: string, councilId: string): string {
  return `${type}#${councilId}`;
}

/** Index attributes of a current item: every index orders records by their last change. */
export function indexAttributes(record: StoredRecord): Record<string, string> {
  const sk = changeSortKey(record.updatedAt, record.id);
  const attributes: Record<string, string> = {
    gsi1pk: regionPartition(record.type, record.regionId),
    gsi1sk: sk,
    gsi3pk: record.type,
    gsi3sk: sk,
  };
  if (record.councilId) {
    attributes.gsi2pk = councilPartition(record.type, record.councilId);
    attributes.gsi2sk = sk;
  }
  return attributes;
}

export function userPk(email: string): string {
  return `USER#${email.toLowerCase()}`;
}

export function clientPk(clientId: string): string {
  return `CLIENT#${clientId}`;
}

export const PROFILE_SK = 'PROFILE';

/** A person's reminder items: preferences and the sent log share the person's partition. */
export function remindersPk(email: string): string {
  return `REMINDERS#${email.toLowerCase()}`;
}

export const PREFERENCES_SK = 'PREFERENCES';

/** The day's email marker (`SENT#<day>`) or one of its items (`SENT#<day>#<itemKey>`). */
export function sentSk(day: string, itemKey?: string): string {
  return itemKey ? `SENT#${day}#${itemKey}` : `SENT#${day}`;
}

/** A person's LEC digests: the last one of each group, and one marker per group and period. */
export function digestPk(email: string): string {
  return `DIGEST#${email.toLowerCase()}`;
}

/** The member's last digest of a group (`GROUP#<id>#LAST`) or a period's marker (`GROUP#<id>#P#<start>`). */
export function digestSk(groupId: string, periodStart?: string): string {
  return periodStart ? `GROUP#${groupId}#P#${periodStart}` : `GROUP#${groupId}#LAST`;
}

/** A member's unsubscribe from one group's digest (kept until consent is given again). */
export function digestUnsubscribedSk(groupId: string): string {
  return `GROUP#${groupId}#UNSUBSCRIBED`;
}

/** How long the sent log keeps an entry (DynamoDB TTL on `expiresAt`). */
export const SENT_LOG_DAYS = 400;

/** The index and partition that answer a query by council, by region, or nationally. */
export function indexFor(type: string, regionId?: string, councilId?: string) {
  const [index, partition] = councilId
    ? [TABLE_INDEXES.byCouncil, councilPartition(type, councilId)]
    : regionId
      ? [TABLE_INDEXES.byRegion, regionPartition(type, regionId)]
      : [TABLE_INDEXES.byType, type];
  return { indexName: index.name, partitionKey: index.partitionKey, sortKey: index.sortKey, partition };
}

type Item = Record<string, unknown>;

/** A current item as the record it holds (keys and index attributes dropped). */
export function toRecord(item: Item): StoredRecord {
  const { pk: _pk, sk: _sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, ...record } = item;
  return record as unknown as StoredRecord;
}

export function toHistory(item: Item): HistoryEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as HistoryEntry;
}
