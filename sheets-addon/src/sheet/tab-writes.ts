import { type CellValue, type DateReader, isDate, safeText, unescapeText } from './cell-values.ts';
import { type ColumnMap, contiguousRuns, ownedColumns } from './columns.ts';

/**
 * Turns row-level changes into a handful of block writes: one per contiguous run of the add-on's
 * columns, spanning the rows that change. Rows in between are written back exactly as read
 * (formulas as formulas), so the number of range calls stays the same whether 1 or 5,000 rows
 * change, and nothing the add-on does not own is touched.
 */

/** Notes the add-on writes start with this, so it can clear its own notes and leave people's. */
export const NOTE_PREFIX = 'Partnership Records: ';

export const COLOURS = {
  error: '#f4cccc',
  conflict: '#fce5cd',
  deleted: '#d9d9d9',
  plain: '#ffffff',
} as const;

const OUR_COLOURS = new Set<string>([COLOURS.error, COLOURS.conflict, COLOURS.deleted]);

export type WritableCell = string | number | boolean | Date;

/** What one read of a tab holds: the header row and the data rows, each as wide as the tab. */
export interface TabSnapshot {
  headers: CellValue[];
  rows: CellValue[][];
  formulas: string[][];
  notes: string[][];
  backgrounds: string[][];
}

/** The new state of the add-on's cells in one row; columns left out keep their value. */
export interface RowUpdate {
  cells: Map<number, WritableCell>;
  /** Notes by column. Owned columns not named here lose any note the add-on had put there. */
  notes: Map<number, string>;
  /** Highlights by column. Owned columns not named here lose the add-on's highlight. */
  backgrounds: Map<number, string>;
}

export interface TabChanges {
  /** By data row index (0-based; sheet row = index + 2). */
  updates: Map<number, RowUpdate>;
  /** New rows, added below the last row. */
  appends: RowUpdate[];
}

export interface BlockWrite {
  /** 0-based data row of the block's first row. */
  firstRow: number;
  numRows: number;
  /** 0-based column of the block's first column. */
  column: number;
  numColumns: number;
  values: WritableCell[][];
  notes: string[][];
  backgrounds: string[][];
}

export interface WritePlan {
  blocks: BlockWrite[];
  /** Data rows the tab must have before the blocks are written. */
  rowsNeeded: number;
  /** Appended rows start here (0-based data row), and get the columns' formats. */
  appendFrom: number;
  appendCount: number;
}

export function emptyUpdate(): RowUpdate {
  return { cells: new Map(), notes: new Map(), backgrounds: new Map() };
}

export function emptyChanges(): TabChanges {
  return { updates: new Map(), appends: [] };
}

/** A cell written back as it was: formulas as formulas, text kept as text. */
function rewrite(value: CellValue, formula: string | undefined): WritableCell {
  if (formula) return formula;
  if (value === null || value === undefined) return '';
  if (isDate(value) || typeof value === 'number' || typeof value === 'boolean') return value;
  return safeText(value);
}

function isOurNote(note: string): boolean {
  return note.startsWith(NOTE_PREFIX);
}

/** Whether a cell already shows what the add-on would write there. */
export function sameCell(written: WritableCell, cell: CellValue, readDate?: DateReader): boolean {
  const empty = (v: unknown) => v === '' || v === null || v === undefined;
  if (empty(written) || empty(cell)) return empty(written) && empty(cell);
  if (isDate(cell)) {
    if (isDate(written)) return written.getTime() === cell.getTime();
    return readDate !== undefined && readDate(cell) === String(written);
  }
  if (typeof written === 'string' && typeof cell === 'string')
    return unescapeText(written) === unescapeText(cell);
  return written === cell;
}

/** The note on a field cell whose formula is kept although the server has another value. */
function formulaKeptNote(shown: CellValue, written: WritableCell): string {
  const show = (v: unknown) => (isDate(v) ? v.toISOString().slice(0, 10) : String(v ?? '') || '(empty)');
  return `${NOTE_PREFIX}This cell's formula is kept: it gives ${show(shown)}, and the server has ${show(written)}. Your next push sends what the formula gives (the preview shows it); to take the server's value, type it over the formula.`;
}

/**
 * The block writes for a tab's changes. A field cell holding a formula keeps its formula (its
 * value is what was pushed); where the server's value differs from what the formula gives, the
 * cell says so in a note instead of being flattened.
 */
export function planWrites(
  snapshot: TabSnapshot,
  map: ColumnMap,
  changes: TabChanges,
  readDate?: DateReader,
): WritePlan {
  const fieldColumns = new Set(map.fields.map((f) => f.index));
  const existing = snapshot.rows.length;
  const appendCount = changes.appends.length;
  const rowsNeeded = existing + appendCount;
  const touched = [...changes.updates.keys()];
  if (appendCount > 0) touched.push(existing + appendCount - 1);
  if (touched.length === 0) return { blocks: [], rowsNeeded, appendFrom: existing, appendCount: 0 };
  // A loop, not Math.min(...rows): tens of thousands of arguments would overflow the stack.
  let first = appendCount > 0 ? existing : Number.POSITIVE_INFINITY;
  let last = -1;
  for (const row of touched) {
    if (row < first) first = row;
    if (row > last) last = row;
  }

  const blocks: BlockWrite[] = [];
  for (const run of contiguousRuns(ownedColumns(map))) {
    const block: BlockWrite = {
      firstRow: first,
      numRows: last - first + 1,
      column: run.start,
      numColumns: run.count,
      values: [],
      notes: [],
      backgrounds: [],
    };
    for (let r = first; r <= last; r++) {
      const update = r < existing ? changes.updates.get(r) : changes.appends[r - existing];
      const values: WritableCell[] = [];
      const notes: string[] = [];
      const backgrounds: string[] = [];
      for (let c = run.start; c < run.start + run.count; c++) {
        const oldNote = snapshot.notes[r]?.[c] ?? '';
        const oldBackground = snapshot.backgrounds[r]?.[c] ?? COLOURS.plain;
        const formula = snapshot.formulas[r]?.[c];
        const written = update?.cells.get(c);
        const keepFormula = written !== undefined && !!formula && fieldColumns.has(c);
        values.push(
          written !== undefined && !keepFormula ? written : rewrite(snapshot.rows[r]?.[c], formula),
        );
        if (update) {
          const formulaNote =
            keepFormula && !sameCell(written, snapshot.rows[r]?.[c], readDate)
              ? formulaKeptNote(snapshot.rows[r]?.[c], written)
              : undefined;
          notes.push(update.notes.get(c) ?? formulaNote ?? (isOurNote(oldNote) ? '' : oldNote));
          backgrounds.push(
            update.backgrounds.get(c) ?? (OUR_COLOURS.has(oldBackground) ? COLOURS.plain : oldBackground),
          );
        } else {
          notes.push(oldNote);
          backgrounds.push(oldBackground);
        }
      }
      block.values.push(values);
      block.notes.push(notes);
      block.backgrounds.push(backgrounds);
    }
    blocks.push(block);
  }
  return { blocks, rowsNeeded, appendFrom: existing, appendCount };
}

/**
 * Brings a snapshot up to date with a plan just written, so a later write in the same run
 * (the next batch of a long push) rewrites the new values, not the old ones.
 */
export function absorbWrites(snapshot: TabSnapshot, plan: WritePlan): void {
  for (let r = snapshot.rows.length; r < plan.rowsNeeded; r++) {
    const width = snapshot.headers.length;
    snapshot.rows.push(new Array(width).fill(''));
    snapshot.formulas.push(new Array(width).fill(''));
    snapshot.notes.push(new Array(width).fill(''));
    snapshot.backgrounds.push(new Array(width).fill(COLOURS.plain));
  }
  for (const block of plan.blocks) {
    for (let i = 0; i < block.numRows; i++) {
      const r = block.firstRow + i;
      for (let j = 0; j < block.numColumns; j++) {
        const c = block.column + j;
        const value = block.values[i]![j]!;
        const isFormula = typeof value === 'string' && value.startsWith('=');
        snapshot.rows[r]![c] = isFormula ? '' : value;
        snapshot.formulas[r]![c] = isFormula ? value : '';
        snapshot.notes[r]![c] = block.notes[i]![j]!;
        snapshot.backgrounds[r]![c] = block.backgrounds[i]![j]!;
      }
    }
  }
}
