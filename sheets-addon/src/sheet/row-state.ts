import { editableFields, type TypeDescription, type Values } from './catalogue.ts';
import { type CellValue, type DateReader, fromCell } from './cell-values.ts';
import type { ColumnMap } from './columns.ts';

/**
 * What the add-on knows about each row: its record id and version, the values a person sees, and
 * the values as last synced (kept in a hidden column). A row is "edited" when what it shows
 * differs from what was synced. The synced values are kept whole, not as a hash: comparing them
 * is exact, and they are also what an undo restores and what a conflict is compared against.
 */

/**
 * The values as last synced with the server, and whether the record was deleted there. The
 * record's id and version are kept in the same cell, so that a sort or paste that moves this
 * cell apart from the Id and Version cells is seen (see `reordering.ts`); older cells lack them.
 */
export interface SyncedState {
  id?: string;
  version?: number;
  values: Values;
  deletedAt?: string;
  deletedBy?: string;
}

/** Stable JSON (sorted keys) so equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function encodeSynced(state: SyncedState): string {
  return canonicalJson(state);
}

/** Reads the hidden synced cell; anything unreadable counts as never synced. */
function decodeSynced(cell: CellValue): SyncedState | undefined {
  if (typeof cell !== 'string' || !cell.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(cell) as SyncedState;
    return parsed && typeof parsed.values === 'object' && parsed.values !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The comparable form of a row's editable values: empty text and absent values are the same
 * thing in a cell, so they compare equal here.
 */
export function fingerprint(type: TypeDescription, values: Values): string {
  const comparable: Values = {};
  for (const field of editableFields(type)) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    comparable[field.name] = value;
  }
  return canonicalJson(comparable);
}

/** One data row of a tab, read through the column map. */
export interface SheetRow {
  /** 0-based index among the data rows (sheet row = index + 2). */
  index: number;
  id?: string;
  version?: number;
  status: string;
  synced?: SyncedState;
  /** The editable values the row shows, as the API would receive them. */
  values: Values;
  /** Whether any editable field has something in it. */
  hasContent: boolean;
  /**
   * The Last synced cell names another record or version than the row's Id and Version cells:
   * part of the tab was sorted or pasted without the rest. Such a row is never acted on.
   */
  misplacedKeys?: boolean;
}

function cellText(cell: CellValue): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

function cellVersion(cell: CellValue): number | undefined {
  const n = typeof cell === 'number' ? cell : Number(cellText(cell));
  return cellText(cell) !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Reads one data row. */
function readRow(cells: readonly CellValue[], index: number, map: ColumnMap, readDate: DateReader): SheetRow {
  const values: Values = {};
  let hasContent = false;
  for (const { field, index: column } of map.fields) {
    if (field.derived) continue;
    const value = fromCell(field, cells[column], readDate);
    if (value !== undefined) values[field.name] = value;
    // An unticked checkbox is not content: a column of checkboxes must not make empty rows look new.
    if (cells[column] !== false && cellText(cells[column]) !== '') hasContent = true;
  }
  const { id, version, status, synced } = map.system;
  const rowId = (id === undefined ? '' : cellText(cells[id])) || undefined;
  const rowVersion = version === undefined ? undefined : cellVersion(cells[version]);
  let state = synced === undefined ? undefined : decodeSynced(cells[synced]);
  let misplacedKeys = false;
  if (state?.id !== undefined && (state.id !== rowId || state.version !== rowVersion)) {
    // Id and Version both cleared: the person asked for a new record (a copied row), as the
    // copied-Id note tells them to. Anything else is a sort or paste of part of the tab.
    if (rowId === undefined && rowVersion === undefined) state = undefined;
    else misplacedKeys = true;
  }
  return {
    index,
    id: rowId,
    version: rowVersion,
    status: status === undefined ? '' : cellText(cells[status]),
    synced: state,
    values,
    hasContent,
    ...(misplacedKeys ? { misplacedKeys } : {}),
  };
}

/** Reads every data row of a tab. */
export function readRows(
  rows: readonly (readonly CellValue[])[],
  map: ColumnMap,
  readDate: DateReader,
): SheetRow[] {
  return rows.map((cells, index) => readRow(cells, index, map, readDate));
}

/** Whether a row shows something other than what was last synced. */
export function isEdited(row: SheetRow, type: TypeDescription): boolean {
  if (!row.synced) return row.hasContent;
  return fingerprint(type, row.values) !== fingerprint(type, row.synced.values);
}

/** Whether a row stands for a record deleted on the server. */
export function isDeleted(row: SheetRow): boolean {
  return row.synced?.deletedAt !== undefined;
}
