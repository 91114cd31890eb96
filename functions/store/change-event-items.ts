import { createHash } from 'node:crypto';
import { CHANGE_EVENT_DAYS, type ChangeEvent, changeEventOf } from '../domain/change-events.ts';
import type { PendingWrite } from '../domain/record-repository.ts';
import { TABLE_INDEXES, TTL_ATTRIBUTE } from './table-schema.ts';

/**
 * The change event item each committed change writes in its own transaction (see
 * functions/domain/change-events.ts): `pk = CHANGE#<event id>`, `sk = EVENT`, on the national
 * index (byType) under the pseudo-type `CHANGES` (record types are lower case), sorted by
 * `<stamp>#<event id>`, where the stamp is taken just before the transaction is sent. Expires
 * through the table's TTL after CHANGE_EVENT_DAYS.
 */
export const CHANGES_PARTITION = 'CHANGES';
export const CHANGE_EVENT_SK = 'EVENT';
const CHANGE_PREFIX = 'CHANGE#';

export function changeEventPk(id: string): string {
  return `${CHANGE_PREFIX}${id}`;
}

/** Whether a table item (a stream record's keys) is a change event. */
export function isChangeEventKey(pk: unknown, sk: unknown): boolean {
  return typeof pk === 'string' && pk.startsWith(CHANGE_PREFIX) && sk === CHANGE_EVENT_SK;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function changeEventOfWrite(write: PendingWrite): ChangeEvent {
  return changeEventOf(write.record, write.history, sha256);
}

/** The event item of a change whose transaction is stamped at `stampMs`. */
export function changeEventItem(write: PendingWrite, stampMs: number): Record<string, unknown> {
  const event = changeEventOfWrite(write);
  const stamp = new Date(stampMs).toISOString();
  const index = TABLE_INDEXES.byType;
  return {
    pk: changeEventPk(event.id),
    sk: CHANGE_EVENT_SK,
    ...event,
    stamp,
    [index.partitionKey]: CHANGES_PARTITION,
    [index.sortKey]: changePosition(stamp, event.id),
    [TTL_ATTRIBUTE]: Math.floor(stampMs / 1000) + CHANGE_EVENT_DAYS * 86_400,
  };
}

export function changePosition(stamp: string, id: string): string {
  return `${stamp}#${id}`;
}

/** The highest position stamped at or before `until` (ISO): '$' sorts after '#'. */
export function positionUntil(until: string): string {
  return `${until}$`;
}

/** An event item as the event it holds. */
export function toChangeEvent(item: Record<string, unknown>): ChangeEvent {
  const { pk: _pk, sk: _sk, stamp: _stamp, gsi3pk: _p, gsi3sk: _s, [TTL_ATTRIBUTE]: _ttl, ...event } = item;
  return event as unknown as ChangeEvent;
}

/**
 * Transaction stamps from one process: never two alike and never going back, so changes one
 * process commits one after another keep their order in the log even within one millisecond.
 */
export function stampClock(now: () => number): () => number {
  let last = 0;
  return () => {
    last = Math.max(now(), last + 1);
    return last;
  };
}
