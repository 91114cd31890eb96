import type { ApiRecord, FieldError, TypeDescription, Values } from './catalogue.ts';
import { displayValue, toCell } from './cell-values.ts';
import type { ColumnMap } from './columns.ts';
import { encodeSynced } from './row-state.ts';
import { COLOURS, emptyUpdate, NOTE_PREFIX, type RowUpdate } from './tab-writes.ts';

/**
 * How a row shows what happened to it: the status cell, notes on the cells concerned and a
 * highlight. Every note says what is wrong in plain words and what to do about it.
 */

export const STATUS = {
  created: (version: number) => `created (v${version})`,
  updated: (version: number) => `updated (v${version})`,
  unchanged: (version: number) => `unchanged (v${version})`,
  pulled: (version: number) => `pulled (v${version})`,
  deleted: (by: string) => `deleted on the server by ${by}`,
  readyNew: 'ready to push: new',
  readyChanged: 'ready to push: changed',
  error: (count: number) => `error: ${count === 1 ? '1 problem' : `${count} problems`}, see the notes`,
  conflict: 'conflict: keep mine or take theirs',
  newerOnServer: (version: number, by: string) =>
    `newer on the server (v${version} by ${by}); your edits are kept, push to compare`,
  forbidden: 'not allowed, see the note',
  failed: 'not saved, push again',
  notConfirmed: 'not confirmed, push again',
  tookTheirs: (version: number) => `took theirs (v${version})`,
  keptMine: (version: number) => `kept mine (v${version})`,
} as const;

/** The sheet cells of a record's values, for every field column (derived ones included). */
function valueCells(map: ColumnMap, values: Values): Map<number, string | number | boolean> {
  const cells = new Map<number, string | number | boolean>();
  for (const { field, index } of map.fields) cells.set(index, toCell(field, values[field.name]));
  return cells;
}

function setSystem(
  update: RowUpdate,
  map: ColumnMap,
  record: ApiRecord,
  status: string,
  deleted: boolean,
): void {
  const { id, version, status: statusColumn, synced } = map.system;
  if (id !== undefined) update.cells.set(id, record.id);
  if (version !== undefined) update.cells.set(version, record.version);
  if (statusColumn !== undefined) update.cells.set(statusColumn, status);
  if (synced !== undefined) {
    update.cells.set(
      synced,
      encodeSynced(
        deleted
          ? {
              id: record.id,
              version: record.version,
              values: record.values,
              deletedAt: record.deletedAt,
              deletedBy: record.deletedBy,
            }
          : { id: record.id, version: record.version, values: record.values },
      ),
    );
  }
}

/** A row that now shows the server's record exactly, with the add-on's notes and highlights cleared. */
export function recordUpdate(map: ColumnMap, record: ApiRecord, status: string): RowUpdate {
  if (record.deletedAt) return deletedUpdate(map, record);
  const update = emptyUpdate();
  for (const [index, cell] of valueCells(map, record.values)) update.cells.set(index, cell);
  setSystem(update, map, record, status, false);
  return update;
}

/** A row whose record was deleted: its values stay visible, greyed out, and it is never pushed. */
export function deletedUpdate(map: ColumnMap, record: ApiRecord): RowUpdate {
  const update = emptyUpdate();
  setSystem(update, map, record, STATUS.deleted(record.deletedBy ?? 'someone'), true);
  for (const { index } of map.fields) update.backgrounds.set(index, COLOURS.deleted);
  for (const index of Object.values(map.system)) update.backgrounds.set(index, COLOURS.deleted);
  return update;
}

/** Only the status cell changes (and any of the add-on's notes on the row are cleared). */
export function statusUpdate(map: ColumnMap, status: string, note?: string, colour?: string): RowUpdate {
  const update = emptyUpdate();
  const column = map.system.status;
  if (column !== undefined) {
    update.cells.set(column, status);
    if (note) update.notes.set(column, `${NOTE_PREFIX}${note}`);
    if (colour) update.backgrounds.set(column, colour);
  }
  return update;
}

/** The column an error belongs to: its field's, else the Id column for id problems, else the status column. */
function columnForError(map: ColumnMap, field: string): number | undefined {
  const name = field.split('.')[0];
  const found = map.fields.find((f) => f.field.name === name);
  if (found) return found.index;
  if ((name === 'id' || name === 'baseVersion') && map.system.id !== undefined) return map.system.id;
  return map.system.status;
}

function titleOf(type: TypeDescription, field: string): string {
  const name = field.split('.')[0];
  return type.fields.find((f) => f.name === name)?.title ?? name ?? field;
}

/** Field errors as notes on the offending cells, highlighted, with the count in the status cell. */
export function errorUpdate(
  map: ColumnMap,
  type: TypeDescription,
  errors: FieldError[],
  statusText?: string,
): RowUpdate {
  const update = statusUpdate(map, statusText ?? STATUS.error(errors.length));
  const byColumn = new Map<number, string[]>();
  for (const error of errors) {
    const column = columnForError(map, error.field);
    if (column === undefined) continue;
    const list = byColumn.get(column) ?? [];
    list.push(`${titleOf(type, error.field)}: ${error.message}.`);
    byColumn.set(column, list);
  }
  for (const [column, messages] of byColumn) {
    update.notes.set(column, `${NOTE_PREFIX}${messages.join('\n')}\nFix the cell and push again.`);
    update.backgrounds.set(column, COLOURS.error);
  }
  return update;
}

/** The fields whose values differ between what this row sent and what the server now holds. */
export function differingFields(type: TypeDescription, mine: Values, theirs: Values): string[] {
  return type.fields
    .filter((f) => !f.derived)
    .filter((f) => JSON.stringify(mine[f.name] ?? null) !== JSON.stringify(theirs[f.name] ?? null))
    .map((f) => f.name);
}

/** A conflict: each differing cell gets a note with the server's value, and the row waits for a choice. */
export function conflictUpdate(
  map: ColumnMap,
  type: TypeDescription,
  mine: Values,
  current: ApiRecord,
  message?: string,
): RowUpdate {
  const update = statusUpdate(
    map,
    STATUS.conflict,
    `${message ?? 'Someone else changed this record after you read it.'} Choose "Keep mine" or "Take theirs" (menu Partnership Records > Resolve conflicts, or the sidebar).`,
    COLOURS.conflict,
  );
  const who = `${current.deletedAt ? `deleted by ${current.deletedBy} at ${current.deletedAt}` : `changed by ${current.updatedBy} at ${current.updatedAt}`}, version ${current.version}`;
  for (const name of differingFields(type, mine, current.values)) {
    const column = map.fields.find((f) => f.field.name === name)?.index;
    if (column === undefined) continue;
    update.notes.set(
      column,
      `${NOTE_PREFIX}Someone else changed this: the server now has ${displayValue(current.values[name])} (${who}). Yours: ${displayValue(mine[name])}.`,
    );
    update.backgrounds.set(column, COLOURS.conflict);
  }
  return update;
}
