import type { ApiRecord, PushRow, TypeDescription } from './catalogue.ts';
import { displayValue } from './cell-values.ts';
import type { ColumnMap } from './columns.ts';
import type { ConflictEntry } from './push-outcomes.ts';
import type { PushCandidate } from './push-plan.ts';
import { differingFields, recordUpdate, STATUS } from './row-render.ts';
import type { SheetRow } from './row-state.ts';
import type { RowUpdate } from './tab-writes.ts';

/**
 * Conflicts are resolved per row, never wholesale. Each one is listed in the Conflicts tab with
 * both sides, and stays there after it is resolved: whichever side is chosen, the other side's
 * values remain readable, so nothing is lost.
 */

export const CONFLICT_HEADERS = [
  'Noted at',
  'Record type',
  'Id',
  'Your version',
  'Server version',
  'Changed by',
  'Changed at',
  'What differs',
  'Resolution',
  'Server record (do not edit)',
] as const;

const COLUMN = Object.fromEntries(CONFLICT_HEADERS.map((h, i) => [h, i])) as Record<
  (typeof CONFLICT_HEADERS)[number],
  number
>;

/** An entry of the Conflicts tab as read back. */
export interface ListedConflict {
  /** 0-based data row in the Conflicts tab. */
  index: number;
  type: string;
  id: string;
  current: ApiRecord;
  open: boolean;
  differs: string;
}

/** "Hours: yours 6.5, theirs 7; Summary: yours (empty), theirs "Met the mayor"". */
export function describeDifferences(type: TypeDescription, entry: ConflictEntry): string {
  if (entry.current.deletedAt)
    return `The record was deleted by ${entry.current.deletedBy} at ${entry.current.deletedAt}.`;
  const fields = differingFields(type, entry.mine, entry.current.values);
  if (fields.length === 0) return 'The values are the same; only the version moved on.';
  return fields
    .map((name) => {
      const title = type.fields.find((f) => f.name === name)?.title ?? name;
      return `${title}: yours ${displayValue(entry.mine[name])}, theirs ${displayValue(entry.current.values[name])}`;
    })
    .join('; ');
}

function conflictRow(type: TypeDescription, entry: ConflictEntry, notedAt: string): (string | number)[] {
  const row: (string | number)[] = new Array(CONFLICT_HEADERS.length).fill('');
  row[COLUMN['Noted at']] = notedAt;
  row[COLUMN['Record type']] = type.type;
  row[COLUMN.Id] = entry.id;
  row[COLUMN['Your version']] = entry.baseVersion ?? '';
  row[COLUMN['Server version']] = entry.current.version;
  row[COLUMN['Changed by']] = entry.current.deletedBy ?? entry.current.updatedBy;
  row[COLUMN['Changed at']] = entry.current.deletedAt ?? entry.current.updatedAt;
  row[COLUMN['What differs']] = describeDifferences(type, entry);
  row[COLUMN['Server record (do not edit)']] = JSON.stringify(entry.current);
  return row;
}

/** Reads the Conflicts tab's data rows; rows that cannot be read are skipped. */
export function readConflicts(rows: readonly (readonly unknown[])[]): ListedConflict[] {
  const listed: ListedConflict[] = [];
  rows.forEach((row, index) => {
    try {
      const current = JSON.parse(String(row[COLUMN['Server record (do not edit)']] ?? '')) as ApiRecord;
      if (!current?.id) return;
      listed.push({
        index,
        type: String(row[COLUMN['Record type']] ?? ''),
        id: String(row[COLUMN.Id] ?? ''),
        current,
        open: String(row[COLUMN.Resolution] ?? '').trim() === '',
        differs: String(row[COLUMN['What differs']] ?? ''),
      });
    } catch {
      // A row someone typed into: not ours to read.
    }
  });
  return listed;
}

/**
 * The Conflicts tab after new conflicts: an open entry for the same record is replaced (the
 * server moved on again), everything else is kept, newest last.
 */
export function withNewConflicts(
  rows: readonly (readonly unknown[])[],
  entries: readonly { type: TypeDescription; entry: ConflictEntry }[],
  notedAt: string,
): unknown[][] {
  const next = rows.map((r) => [...r]);
  const open = new Map(
    readConflicts(rows)
      .filter((c) => c.open)
      .map((c) => [`${c.type}#${c.id}`, c.index]),
  );
  for (const { type, entry } of entries) {
    const row = conflictRow(type, entry, notedAt);
    const at = open.get(`${type.type}#${entry.id}`);
    if (at !== undefined) next[at] = row;
    else {
      open.set(`${type.type}#${entry.id}`, next.length);
      next.push(row);
    }
  }
  return next;
}

/** Marks entries resolved, keeping both sides readable. */
export function withResolutions(
  rows: readonly (readonly unknown[])[],
  resolved: ReadonlyMap<number, string>,
): unknown[][] {
  return rows.map((row, index) => {
    const copy = [...row];
    const resolution = resolved.get(index);
    if (resolution) copy[COLUMN.Resolution] = resolution;
    return copy;
  });
}

/** Take theirs: the row shows the server's record and is in step with it again. */
export function takeTheirs(map: ColumnMap, current: ApiRecord): RowUpdate {
  return recordUpdate(map, current, STATUS.tookTheirs(current.version));
}

/** Keep mine: the row's values are sent again, this time from the server's current version. */
export function keepMine(row: SheetRow, current: ApiRecord): PushCandidate {
  const request: PushRow = { id: current.id, baseVersion: current.version, values: row.values };
  return {
    kind: 'changed',
    row: { ...row, version: current.version, synced: { values: current.values } },
    request,
  };
}
