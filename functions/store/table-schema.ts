/**
 * The one DynamoDB table's key design, declared once so that the store, DynamoDB Local set-up,
 * the tests and the CDK stack cannot disagree about keys and indexes.
 *
 * Items:
 * - current record:   pk = `R#<type>#<id>`   sk = `CURRENT`
 * - history entry:    pk = `R#<type>#<id>`   sk = `H#<version, 10 digits>`
 * - user directory:   pk = `USER#<email>`    sk = `PROFILE`
 * - machine client:   pk = `CLIENT#<id>`     sk = `PROFILE`
 * - reminder settings: pk = `REMINDERS#<email>` sk = `PREFERENCES`
 * - reminders sent:   pk = `REMINDERS#<email>` sk = `SENT#<day>` (the email) and `SENT#<day>#<item>`;
 *                     they expire through the table's TTL attribute `expiresAt`
 * - change event:     pk = `CHANGE#<event id>` sk = `EVENT`, written in the same transaction as the
 *                     change it tells of, on the byType index as `CHANGES` / `<stamp>#<event id>`,
 *                     expiring after 30 days (change-event-items.ts)
 *
 * A record and its history share a partition so that a change and its history entry are written
 * in one transaction. Only current items carry index attributes, so indexes never see history.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
  purpose: string;
}

/** Global secondary indexes, all projecting every attribute (pulls return whole records). */
export const TABLE_INDEXES = {
  byRegion: {
    name: 'byRegion',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    purpose: 'records of one type in one region, ordered by change (`<type>#<regionId>`, `<updatedAt>#<id>`)',
  },
  byCouncil: {
    name: 'byCouncil',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    purpose: 'records of one type for one council (`<type>#<councilId>`, `<updatedAt>#<id>`); sparse',
  },
  byType: {
    name: 'byType',
    partitionKey: 'gsi3pk',
    sortKey: 'gsi3sk',
    purpose: 'records of one type nationally, ordered by change (`<type>`, `<updatedAt>#<id>`)',
  },
} as const satisfies Record<string, IndexDefinition>;

/** Items with this attribute (epoch seconds) are removed by DynamoDB once it has passed. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Every key attribute is a string. */
export const KEY_ATTRIBUTES: string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  ...Object.values(TABLE_INDEXES).flatMap((index) => [index.partitionKey, index.sortKey]),
];
