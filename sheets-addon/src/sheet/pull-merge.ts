import type { ApiRecord, TypeDescription } from './catalogue.ts';
import type { ColumnMap } from './columns.ts';
import { recordUpdate, STATUS, statusUpdate } from './row-render.ts';
import { fingerprint, isEdited, type SheetRow } from './row-state.ts';
import { emptyChanges, type RowUpdate, type TabChanges } from './tab-writes.ts';

export interface PullCounts {
  added: number;
  updated: number;
  deleted: number;
  /** Versions the tab already had (pull windows overlap by design). */
  alreadyHad: number;
  /** Rows with unpushed edits where the server has moved on: the edits are kept. */
  keptEdits: number;
}

export interface PullMerge {
  changes: TabChanges;
  counts: PullCounts;
}

/** The newest version of each record, in the order first seen. */
function newestById(records: readonly ApiRecord[]): ApiRecord[] {
  const byId = new Map<string, ApiRecord>();
  for (const record of records) {
    const seen = byId.get(record.id);
    if (!seen || record.version > seen.version) byId.set(record.id, record);
  }
  return [...byId.values()];
}

/**
 * Merges pulled records into a tab: rows are matched by id wherever they are, versions the tab
 * already has are skipped, new records are added at the bottom (the user's order is kept),
 * deleted records are greyed out rather than removed, and unpushed edits are never overwritten.
 */
export function mergePulled(
  rows: readonly SheetRow[],
  map: ColumnMap,
  type: TypeDescription,
  records: readonly ApiRecord[],
): PullMerge {
  const changes = emptyChanges();
  const counts: PullCounts = { added: 0, updated: 0, deleted: 0, alreadyHad: 0, keptEdits: 0 };
  const byId = new Map<string, SheetRow>();
  for (const row of rows) if (row.id && !byId.has(row.id)) byId.set(row.id, row);

  for (const record of newestById(records)) {
    const row = byId.get(record.id);
    if (!row) {
      if (record.deletedAt) continue;
      changes.appends.push(recordUpdate(map, record, STATUS.pulled(record.version)));
      counts.added++;
      continue;
    }
    if (row.version !== undefined && row.version >= record.version) {
      counts.alreadyHad++;
      continue;
    }
    const sameValues =
      !record.deletedAt && fingerprint(type, row.values) === fingerprint(type, record.values);
    if (isEdited(row, type) && row.hasContent && !sameValues) {
      changes.updates.set(row.index, keepEdits(map, row, record));
      counts.keptEdits++;
      continue;
    }
    changes.updates.set(row.index, recordUpdate(map, record, STATUS.pulled(record.version)));
    if (record.deletedAt) counts.deleted++;
    else counts.updated++;
  }
  return { changes, counts };
}

function keepEdits(map: ColumnMap, row: SheetRow, record: ApiRecord): RowUpdate {
  if (row.version === undefined && !record.deletedAt) {
    // A new row whose push was cut off before its outcome came back: the record is the row's
    // own, so it adopts the version and keeps its later edits for the next push.
    const adopted = recordUpdate(
      map,
      record,
      `pulled (v${record.version}); your later edits are kept, push to send them`,
    );
    for (const { index } of map.fields) adopted.cells.delete(index);
    return adopted;
  }
  return statusUpdate(
    map,
    STATUS.newerOnServer(
      record.version,
      record.deletedAt ? (record.deletedBy ?? 'someone') : record.updatedBy,
    ),
  );
}
