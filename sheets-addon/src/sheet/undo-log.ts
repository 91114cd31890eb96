import { editableValues, type PushRow, type TypeDescription, type Values } from './catalogue.ts';
import type { UndoEntry } from './push-outcomes.ts';

/**
 * What the last push changed, kept in a hidden tab so it can be undone: the server keeps every
 * version, and the row's last synced values are exactly the version the push replaced. An undo
 * is itself a push from the version the push made, so if someone changed the record since, the
 * undo of that row comes back as a conflict instead of silently overwriting them.
 */

export const UNDO_HEADERS = [
  'Pushed at',
  'Record type',
  'Id',
  'Version after',
  'Values before (JSON; empty when created)',
  'Pushed by',
] as const;

export function undoRows(
  entries: readonly UndoEntry[],
  pushedAt: string,
  pushedBy: string,
): (string | number)[][] {
  return entries.map((e) => [
    pushedAt,
    e.type,
    e.id,
    e.versionAfter,
    e.before ? JSON.stringify(e.before) : '',
    pushedBy,
  ]);
}

export function readUndo(rows: readonly (readonly unknown[])[]): {
  pushedAt: string;
  /** Who pushed (empty for a push made before the add-on kept it). */
  pushedBy: string;
  entries: UndoEntry[];
} {
  const entries: UndoEntry[] = [];
  let pushedAt = '';
  let pushedBy = '';
  for (const row of rows) {
    const [at, type, id, version, before, by] = row;
    if (!type || !id || typeof version !== 'number') continue;
    pushedAt = String(at ?? '');
    pushedBy = String(by ?? '');
    entries.push({
      type: String(type),
      id: String(id),
      versionAfter: version,
      ...(before ? { before: JSON.parse(String(before)) as Values } : {}),
    });
  }
  return { pushedAt, pushedBy, entries };
}

/** The requests that put the records back: created ones are deleted, changed ones get their old values. */
export function undoRequest(type: TypeDescription, entry: UndoEntry): PushRow {
  if (!entry.before) return { id: entry.id, baseVersion: entry.versionAfter, delete: true };
  return { id: entry.id, baseVersion: entry.versionAfter, values: editableValues(type, entry.before) };
}
