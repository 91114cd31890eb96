import type { ColumnMap } from './columns.ts';
import { canonicalJson, isDeleted, type SheetRow } from './row-state.ts';

/**
 * Finds a sort or paste of part of a tab before anything is sent. Data > Sort range (or a
 * filter view's sort) moves only the columns it covers: when they are the team's or the field
 * columns and not the Id, the rows then say "record a, values of row b", and the version still
 * matches, so the server would take them. Three signs, each enough to refuse the whole run:
 *
 * - **keys**: a Last synced cell names another record or version than its row's Id and Version
 *   (the add-on's own columns were sorted apart; `row-state.ts` sets `misplacedKeys`);
 * - **values**: in one column, the rows that changed hold exactly the values those same rows
 *   held when last synced, shuffled (a sort permutes a column's values among its rows; a
 *   person's edits almost never do);
 * - **block**: three or more adjacent rows that each changed in every field they have (a block
 *   pasted over the tab, or sorted with every field column).
 *
 * A person who really does swap two values between records can push one row, then the other.
 */

export interface Reordering {
  sign: 'keys' | 'values' | 'block';
  /** 0-based data rows concerned (sheet row = index + 2). */
  rows: number[];
  /** Titles of the columns whose values moved (the values sign). */
  columns: string[];
}

/** Adjacent rows changed in every field that count as a pasted block. */
const BLOCK_ROWS = 3;

function comparable(value: unknown): string {
  return value === undefined || value === null || value === '' ? '' : canonicalJson(value);
}

function countOf(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** Rows whose synced state is theirs and can be compared. */
function comparableRows(rows: readonly SheetRow[]): SheetRow[] {
  return rows.filter((r) => r.synced && !r.misplacedKeys && !isDeleted(r));
}

/**
 * The first sign of a partial sort or paste, if any. The keys and values signs look at the whole
 * tab (a sort moves rows outside any selection); the block sign looks only at `onlyRows` when
 * given, so that someone who meant to replace a few records' values can push two rows at a time.
 */
export function findReordering(
  rows: readonly SheetRow[],
  map: ColumnMap,
  onlyRows?: ReadonlySet<number>,
): Reordering | undefined {
  const misplaced = rows.filter((r) => r.misplacedKeys).map((r) => r.index);
  if (misplaced.length > 0) return { sign: 'keys', rows: misplaced, columns: [] };

  const synced = comparableRows(rows);
  const fields = map.fields.filter((f) => !f.field.derived).map((f) => f.field);

  // A column's values shuffled among the rows that changed in it.
  const movedRows = new Set<number>();
  const movedColumns: string[] = [];
  for (const field of fields) {
    const changed = synced.filter(
      (r) => comparable(r.values[field.name]) !== comparable(r.synced!.values[field.name]),
    );
    if (changed.length < 2) continue;
    const balance = new Map<string, number>();
    for (const r of changed) {
      countOf(balance, comparable(r.values[field.name]), 1);
      countOf(balance, comparable(r.synced!.values[field.name]), -1);
    }
    if (balance.size > 0) continue;
    movedColumns.push(field.title);
    for (const r of changed) movedRows.add(r.index);
  }
  if (movedColumns.length > 0)
    return { sign: 'values', rows: [...movedRows].sort((a, b) => a - b), columns: movedColumns };

  // A sort that took in new rows too: a new row now holds what a changed row held at the sync.
  const changed = synced.filter((r) =>
    fields.some((f) => comparable(r.values[f.name]) !== comparable(r.synced!.values[f.name])),
  );
  const fresh = rows.filter((r) => !r.synced && !r.misplacedKeys && r.hasContent);
  if (changed.length > 0 && fresh.length * changed.length <= 1_000_000) {
    for (const u of fresh) {
      const filled = fields.filter((f) => comparable(u.values[f.name]) !== '');
      if (filled.length < 2) continue;
      const from = changed.find((s) =>
        filled.every((f) => comparable(u.values[f.name]) === comparable(s.synced!.values[f.name])),
      );
      if (from)
        return {
          sign: 'values',
          rows: [from.index, u.index].sort((a, b) => a - b),
          columns: filled.map((f) => f.title),
        };
    }
  }

  // A block of adjacent rows, each changed in every field it has.
  const changedEverywhere = (r: SheetRow): boolean => {
    let compared = 0;
    for (const field of fields) {
      const now = comparable(r.values[field.name]);
      const then = comparable(r.synced!.values[field.name]);
      if (now === '' && then === '') continue;
      if (now === then) return false;
      compared++;
    }
    return compared >= 2;
  };
  let run: number[] = [];
  const candidates = onlyRows ? synced.filter((r) => onlyRows.has(r.index)) : synced;
  for (const r of candidates) {
    if (!changedEverywhere(r)) {
      run = [];
      continue;
    }
    if (run.length > 0 && run[run.length - 1]! !== r.index - 1) run = [];
    run.push(r.index);
    if (run.length >= BLOCK_ROWS) {
      // Take the whole block, then report it.
      const block = [...run];
      for (const next of candidates.filter((s) => s.index > r.index)) {
        if (next.index !== block[block.length - 1]! + 1 || !changedEverywhere(next)) break;
        block.push(next.index);
      }
      return { sign: 'block', rows: block, columns: [] };
    }
  }
  return undefined;
}

/** "rows 4, 5, 9 and 3 more" in sheet row numbers. */
function sheetRows(rows: readonly number[]): string {
  const shown = rows.slice(0, 8).map((r) => r + 2);
  const more = rows.length - shown.length;
  const list = shown.length === 1 ? `row ${shown[0]}` : `rows ${shown.join(', ')}`;
  return more > 0 ? `${list} and ${more} more` : list;
}

const UNDO =
  'Nothing was sent. Undo it with Ctrl+Z (Edit > Undo; ⌘Z on a Mac), or sort the whole sheet instead (Data > Sort sheet, which moves every row whole, hidden columns included), then try again.';

/** What happened and how to undo it, in the words the refusal shows. */
export function describeReordering(tab: string, found: Reordering): string {
  switch (found.sign) {
    case 'keys':
      return `Part of "${tab}" was sorted or pasted without the rest: on ${sheetRows(found.rows)} the Id and Version cells no longer belong to the hidden Last synced values beside them, so the add-on cannot tell which record each row is. ${UNDO}`;
    case 'values':
      return `Part of "${tab}" looks sorted or pasted without its Id column: on ${sheetRows(found.rows)} the ${found.columns.join(', ')} values are the ones these rows held at the last sync, moved to other rows. Pushing would give each record another row's values. ${UNDO} If you really swapped values between records, change and push one row at a time.`;
    case 'block':
      return `Part of "${tab}" looks pasted or sorted without its Id column: ${sheetRows(found.rows)} each changed in every field since the last sync. Pushing would give those records whatever now sits on their rows. ${UNDO} If you meant to replace these records' values, push them two rows at a time (select two, Push selected rows…).`;
  }
}
