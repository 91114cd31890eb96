import type { ApiRecord, RowOutcome, TypeDescription, Values } from './catalogue.ts';
import type { ColumnMap } from './columns.ts';
import type { PushCandidate } from './push-plan.ts';
import {
  conflictUpdate,
  deletedUpdate,
  errorUpdate,
  recordUpdate,
  STATUS,
  statusUpdate,
} from './row-render.ts';
import { COLOURS, type RowUpdate } from './tab-writes.ts';

/** Counts of a push or its preview, in the words the sidebar shows. */
export interface PushCounts {
  new: number;
  changed: number;
  deleted: number;
  unchanged: number;
  errors: number;
  conflicts: number;
  forbidden: number;
  failed: number;
}

export function emptyCounts(): PushCounts {
  return { new: 0, changed: 0, deleted: 0, unchanged: 0, errors: 0, conflicts: 0, forbidden: 0, failed: 0 };
}

export function addCounts(into: PushCounts, from: PushCounts): PushCounts {
  for (const key of Object.keys(into) as (keyof PushCounts)[]) into[key] += from[key];
  return into;
}

/** "12 new, 30 changed, 2 with errors": only the parts that are not zero. */
export function describeCounts(counts: PushCounts): string {
  const parts = [
    [counts.new, 'new'],
    [counts.changed, 'changed'],
    [counts.deleted, 'deleted'],
    [counts.unchanged, 'already up to date'],
    [counts.errors, 'with errors'],
    [counts.conflicts, counts.conflicts === 1 ? 'conflict' : 'conflicts'],
    [counts.forbidden, 'not allowed'],
    [counts.failed, 'not saved'],
  ].filter(([n]) => (n as number) > 0);
  return parts.length ? parts.map(([n, words]) => `${n} ${words}`).join(', ') : 'nothing to push';
}

/** A conflict kept for the Conflicts tab: what this row sent and what the server holds. */
export interface ConflictEntry {
  type: string;
  id: string;
  baseVersion?: number;
  mine: Values;
  current: ApiRecord;
  message?: string;
}

/** What an undo of this row's change needs: the version the push made and the values before it. */
export interface UndoEntry {
  type: string;
  id: string;
  versionAfter: number;
  /** Values before the push; absent when the push created the record (undo deletes it). */
  before?: Values;
}

export interface RenderedOutcome {
  update: RowUpdate;
  count: keyof PushCounts;
  conflict?: ConflictEntry;
  undo?: UndoEntry;
}

const COUNT_OF: Record<RowOutcome['status'], keyof PushCounts> = {
  created: 'new',
  updated: 'changed',
  deleted: 'deleted',
  unchanged: 'unchanged',
  invalid: 'errors',
  conflict: 'conflicts',
  forbidden: 'forbidden',
  failed: 'failed',
};

/** How one row's outcome shows in the sheet, and what it leaves for the Conflicts tab and undo. */
export function renderOutcome(
  candidate: PushCandidate,
  outcome: RowOutcome,
  map: ColumnMap,
  type: TypeDescription,
  dryRun: boolean,
): RenderedOutcome {
  const count = COUNT_OF[outcome.status];
  const mine = candidate.request.values ?? {};
  switch (outcome.status) {
    case 'invalid':
      return {
        count,
        update: errorUpdate(
          map,
          type,
          outcome.errors ?? [{ field: 'values', message: outcome.message ?? 'the server refused this row' }],
        ),
      };
    case 'conflict': {
      if (!outcome.current)
        return { count, update: statusUpdate(map, STATUS.conflict, outcome.message, COLOURS.conflict) };
      const update = conflictUpdate(map, type, mine, outcome.current, outcome.message);
      if (dryRun) return { count, update };
      return {
        count,
        update,
        conflict: {
          type: type.type,
          id: outcome.current.id,
          baseVersion: candidate.request.baseVersion,
          mine,
          current: outcome.current,
          message: outcome.message,
        },
      };
    }
    case 'forbidden':
      return { count, update: statusUpdate(map, STATUS.forbidden, outcome.message, COLOURS.error) };
    case 'failed':
      return { count, update: statusUpdate(map, STATUS.failed, outcome.message, COLOURS.error) };
    default:
      break;
  }
  if (dryRun && outcome.status !== 'unchanged') {
    const words =
      outcome.status === 'created'
        ? STATUS.readyNew
        : outcome.status === 'deleted'
          ? 'ready to push: delete'
          : STATUS.readyChanged;
    return { count, update: statusUpdate(map, words) };
  }
  const record = outcome.record;
  if (!record || outcome.version === undefined) {
    return {
      count: 'failed',
      update: statusUpdate(map, STATUS.failed, 'The server did not return the saved record.', COLOURS.error),
    };
  }
  if (outcome.status === 'deleted') {
    return { count, update: deletedUpdate(map, record), undo: undoEntry(type, candidate, record) };
  }
  const status =
    outcome.status === 'created'
      ? STATUS.created(record.version)
      : outcome.status === 'updated'
        ? STATUS.updated(record.version)
        : STATUS.unchanged(record.version);
  const rendered: RenderedOutcome = { count, update: recordUpdate(map, record, status) };
  if (!dryRun && outcome.status !== 'unchanged') rendered.undo = undoEntry(type, candidate, record);
  return rendered;
}

function undoEntry(type: TypeDescription, candidate: PushCandidate, record: ApiRecord): UndoEntry {
  const before = candidate.kind === 'new' ? undefined : candidate.row.synced?.values;
  return { type: type.type, id: record.id, versionAfter: record.version, ...(before ? { before } : {}) };
}

/** When a whole request failed (no per-row outcomes): every row of it says so. */
export function requestFailedUpdate(map: ColumnMap, message: string): RowUpdate {
  return statusUpdate(
    map,
    STATUS.notConfirmed,
    `${message} Pushing again is safe: rows already saved come back as "unchanged", nothing is duplicated.`,
    COLOURS.error,
  );
}
