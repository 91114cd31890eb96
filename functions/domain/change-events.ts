import type { StoredRecord } from '../records/definition.ts';
import type { ChangeOp, HistoryEntry, Page } from './record-repository.ts';

/**
 * A change event: one per committed change of a record (create, update, delete, restore, and each
 * sign-off act), written by the store in the same transaction as the change itself, so there is
 * never a change without its event nor an event for a change that did not commit. They feed the
 * change feed (GET /v1/changes) and webhook deliveries, and expire after CHANGE_EVENT_DAYS.
 *
 * Called "change events" because "events" are already the LEC groups' forums and roadshows.
 */
export interface ChangeEvent {
  /** `evt_` and 32 hex digits; the same change always has the same id (the deliveries' webhook-id). */
  id: string;
  /** `<record type>.<what happened>`: `need.updated`, `agreement.signed-off`. */
  type: string;
  recordType: string;
  recordId: string;
  /** The record's version this change made. */
  version: number;
  regionId: string;
  councilId?: string;
  /** A second region that shares the record (a buddy pair): its people may read it too. */
  sharedRegionId?: string;
  /** When the change was made (the record's `updatedAt`). */
  at: string;
  /** Who made it: a person's email or a machine client's id. */
  by: string;
}

/** How long change events are kept (DynamoDB TTL): a consumer down longer re-reads by sync. */
export const CHANGE_EVENT_DAYS = 30;

/** What each history operation is called in an event type. */
const EVENT_VERBS: Record<ChangeOp, string> = {
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  restored: 'restored',
  'sign-off-requested': 'sign-off-requested',
  'signed-off': 'signed-off',
  'sign-off-not-yet': 'sign-off-not-yet',
  'sign-off-withdrawn': 'sign-off-withdrawn',
};

export const CHANGE_VERBS: readonly string[] = Object.values(EVENT_VERBS);

export function changeEventType(recordType: string, op: ChangeOp): string {
  return `${recordType}.${EVENT_VERBS[op]}`;
}

/**
 * The event of one change. Its id is derived from what identifies the change (record, version and
 * time), so the same pending write always makes the same event, whichever store writes it and
 * however often its transaction is retried.
 */
export function changeEventOf(
  record: StoredRecord,
  history: HistoryEntry,
  hash: (text: string) => string,
): ChangeEvent {
  return {
    id: `evt_${hash(`${record.type}\u0000${record.id}\u0000${history.version}\u0000${history.at}`).slice(0, 32)}`,
    type: changeEventType(record.type, history.op),
    recordType: record.type,
    recordId: record.id,
    version: history.version,
    regionId: record.regionId,
    ...(record.councilId ? { councilId: record.councilId } : {}),
    ...(record.sharedRegionId ? { sharedRegionId: record.sharedRegionId } : {}),
    at: history.at,
    by: history.by,
  };
}

/**
 * Which change events a reader may see: everything (national staff), or those of some regions
 * (or a sharing region), or of some councils (a mayor's office); in both of the latter, every
 * change of a type everyone signed in may read (regions, councils, the knowledge base).
 */
export type ChangeScope =
  | { kind: 'all' }
  | { kind: 'regions'; regionIds: readonly string[]; openRecordTypes: readonly string[] }
  | { kind: 'councils'; councilIds: readonly string[]; openRecordTypes: readonly string[] };

export interface ChangeQuery {
  scope: ChangeScope;
  /** Only these event types (`need.updated`) … */
  eventTypes?: readonly string[];
  /** … or these record types' events (`need`), when either is given. */
  recordTypes?: readonly string[];
  /** The cursor of the previous page; absent: from `from`, or the oldest event kept. */
  cursor?: string;
  /** Without a cursor: only events stamped at or after this time (ISO). */
  from?: string;
  /** Only events stamped at or before this time (ISO): the read horizon, see CHANGE_SETTLE_MS. */
  until: string;
  limit: number;
}

/** A page of the change log; its cursor (always set) is where the next page starts. */
export type ChangePage = Page<ChangeEvent> & { cursor: string };

/** The port through which the change feed and the webhook dispatcher read change events. */
export interface ChangeLog {
  /** Events in the order their changes were committed, within a scope, from a position. */
  changes(query: ChangeQuery): Promise<ChangePage>;
  /** One event by id (redelivery), whatever its scope. */
  changeEvent(id: string): Promise<ChangeEvent | undefined>;
}

/**
 * How far behind now the change feed reads. Events are ordered by a stamp taken just before their
 * transaction is sent; the store sends no transaction (nor retry) older than COMMIT_DEADLINE_MS,
 * so once this much time has passed every change stamped before it has committed or failed and
 * none can appear behind a reader's cursor. It also covers the indexes' propagation delay.
 */
export const CHANGE_SETTLE_MS = 10_000;

/** A transaction carrying change events is not sent, or retried, once its stamp is this old. */
export const COMMIT_DEADLINE_MS = 4_000;

/** Whether a reader's scope covers an event: the one rule both stores' queries follow. */
export function inScope(scope: ChangeScope, event: ChangeEvent): boolean {
  if (scope.kind === 'all') return true;
  if (scope.openRecordTypes.includes(event.recordType)) return true;
  if (scope.kind === 'councils') return !!event.councilId && scope.councilIds.includes(event.councilId);
  return (
    scope.regionIds.includes(event.regionId) ||
    (!!event.sharedRegionId && scope.regionIds.includes(event.sharedRegionId))
  );
}

/** Whether an event passes a query's type filters. */
export function matchesTypes(
  query: Pick<ChangeQuery, 'eventTypes' | 'recordTypes'>,
  event: ChangeEvent,
): boolean {
  if (!query.eventTypes?.length && !query.recordTypes?.length) return true;
  return !!query.eventTypes?.includes(event.type) || !!query.recordTypes?.includes(event.recordType);
}
