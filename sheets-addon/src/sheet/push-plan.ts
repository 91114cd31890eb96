import { boundedChunks, utf8Length } from '../../../functions/domain/bounded-chunks.ts';
import { MAX_PUSH_ROWS } from '../../../functions/domain/push-rows.ts';
import type { FieldError, PushRow, TypeDescription } from './catalogue.ts';
import type { ColumnMap } from './columns.ts';
import { errorUpdate } from './row-render.ts';
import { isDeleted, isEdited, type SheetRow } from './row-state.ts';
import type { RowUpdate } from './tab-writes.ts';

/** A row to send, and what it is: a new record, a change, or a deletion. */
export interface PushCandidate {
  row: SheetRow;
  request: PushRow;
  kind: 'new' | 'changed' | 'delete';
}

export interface PushPlan {
  candidates: PushCandidate[];
  /** Ids given to new rows; they are written to the sheet before anything is sent, so a retry reuses them. */
  newIds: Map<number, string>;
  /** Rows that cannot be sent as they are, with the reason shown on the row. */
  refused: Map<number, RowUpdate>;
  /** Why each refused row was refused, in the words of its note. */
  reasons: Map<number, string>;
}

export interface PlanOptions {
  /** Only these data rows (push selected rows); all rows when absent. */
  onlyRows?: ReadonlySet<number>;
  newId: () => string;
  /** Cells that could not be read (an ambiguous name, say): such rows are explained, not sent. */
  inputProblems?: ReadonlyMap<number, FieldError[]>;
}

/**
 * Chooses the rows to push: new rows and rows edited since they were last synced, nothing else,
 * so a push with nothing changed sends nothing.
 */
export function planPush(
  rows: readonly SheetRow[],
  map: ColumnMap,
  type: TypeDescription,
  options: PlanOptions,
): PushPlan {
  const plan: PushPlan = { candidates: [], newIds: new Map(), refused: new Map(), reasons: new Map() };
  const refuse = (index: number, message: string) => {
    plan.refused.set(index, errorUpdate(map, type, [{ field: 'id', message }]));
    plan.reasons.set(index, `Id: ${message}`);
  };
  const firstRowOfId = new Map<string, number>();
  for (const row of rows) {
    if (options.onlyRows && !options.onlyRows.has(row.index)) {
      if (row.id && !firstRowOfId.has(row.id)) firstRowOfId.set(row.id, row.index);
      continue;
    }
    if (!row.hasContent || isDeleted(row)) continue;
    if (row.id) {
      const first = firstRowOfId.get(row.id);
      if (first !== undefined) {
        refuse(
          row.index,
          `this row has the same Id as row ${first + 2} (a copied row?); clear this row's Id and Version cells to push it as a new record`,
        );
        continue;
      }
      firstRowOfId.set(row.id, row.index);
    }
    const unconfirmedNew = row.id !== undefined && row.version === undefined;
    if (!isEdited(row, type) && !unconfirmedNew) continue;
    const problems = options.inputProblems?.get(row.index);
    if (problems) {
      plan.refused.set(row.index, errorUpdate(map, type, problems));
      plan.reasons.set(
        row.index,
        problems
          .map((p) => `${type.fields.find((f) => f.name === p.field)?.title ?? p.field}: ${p.message}`)
          .join('; '),
      );
      continue;
    }
    if (row.version !== undefined) {
      if (!row.id) {
        refuse(
          row.index,
          'this row has a version but no Id: put its Id back, or clear the Version cell to push it as a new record',
        );
        continue;
      }
      plan.candidates.push({
        row,
        kind: 'changed',
        request: { id: row.id, baseVersion: row.version, values: row.values },
      });
      continue;
    }
    let id = row.id;
    if (!id && !type.naturalId) {
      id = options.newId();
      plan.newIds.set(row.index, id);
    }
    plan.candidates.push({ row, kind: 'new', request: { ...(id ? { id } : {}), values: row.values } });
  }
  return plan;
}

/** Deletions of the chosen rows' records, each from the version the row holds. */
export function planDeletes(rows: readonly SheetRow[], onlyRows: ReadonlySet<number>): PushCandidate[] {
  return rows
    .filter((row) => onlyRows.has(row.index) && row.id && row.version !== undefined && !isDeleted(row))
    .map((row) => ({
      row,
      kind: 'delete' as const,
      request: { id: row.id!, baseVersion: row.version!, delete: true },
    }));
}

/** Splits rows into requests of at most `maxRows` rows and `maxBytes` of JSON (in UTF-8). */
export function chunkRows<T extends { request: PushRow }>(
  items: readonly T[],
  maxRows = MAX_PUSH_ROWS,
  maxBytes = 4_000_000,
): T[][] {
  // Each row is its JSON and a comma in the request body.
  return boundedChunks(items, {
    maxCount: maxRows,
    maxBytes,
    bytes: (item) => utf8Length(JSON.stringify(item.request)) + 1,
  });
}
