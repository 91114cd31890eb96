import type { Named } from '../../../data/name-matching.ts';
import type { TypeDescription } from '../sheet/catalogue.ts';
import type { CellValue } from '../sheet/cell-values.ts';
import { type ColumnMap, columnFormats, contiguousRuns, mapColumns, ownedColumns } from '../sheet/columns.ts';
import { CONFLICT_HEADERS } from '../sheet/conflicts.ts';
import type { ColumnMapping } from '../sheet/header-matching.ts';
import { LOG_HEADERS } from '../sheet/sync-log.ts';
import type { TabSnapshot, WritePlan } from '../sheet/tab-writes.ts';
import { UNDO_HEADERS } from '../sheet/undo-log.ts';
import type { TablePort, TabPort, Workbook } from '../sync/ports.ts';
import { LISTS_TAB } from './column-rules.ts';
import { activeSpreadsheet } from './environment.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Developer metadata on a record tab names its type, so renaming the tab breaks nothing. */
export const TYPE_METADATA_KEY = 'partnership-records.type';
/** Developer metadata on an adopted tab: how the team's headers map to fields. */
export const COLUMNS_METADATA_KEY = 'partnership-records.columns';

/**
 * Developer metadata on each field column of a record tab (a whole-column range): which field it
 * is. Column-located metadata moves with its column and outlives a renamed header, so a renamed
 * "Summary" is still the Summary field, and a team's own column headed "Summary" (untagged) is
 * never taken for it. See "The row key and the column key" in docs/sheets-addon.md.
 */
export const FIELD_METADATA_KEY = 'partnership-records.field';

/** The field each tagged column holds, by 0-based column index (one request). */
export function fieldColumns(sheet: Sheet): Map<number, string> {
  const tagged = new Map<number, string>();
  for (const m of sheet.createDeveloperMetadataFinder().withKey(FIELD_METADATA_KEY).find()) {
    const field = m.getValue();
    const column = m.getLocation().getColumn()?.getColumn();
    if (field && column) tagged.set(column - 1, field);
  }
  return tagged;
}

/** The stored column mapping of an adopted tab, if it is one. */
export function columnMapping(sheet: Sheet): ColumnMapping | undefined {
  const raw = sheet
    .getDeveloperMetadata()
    .find((m) => m.getKey() === COLUMNS_METADATA_KEY)
    ?.getValue();
  return raw ? (JSON.parse(raw) as ColumnMapping) : undefined;
}

export const TAB_NAMES = {
  log: 'Sync log',
  conflicts: 'Conflicts',
  undo: 'Undo (last push)',
  lists: 'Lists',
} as const;

/** The tab of a record type: the one carrying its metadata, else the one named after it. */
export function findTypeSheet(spreadsheet: Spreadsheet, type: TypeDescription): Sheet | undefined {
  const sheets = spreadsheet.getSheets();
  const tagged = sheets.find((sheet) =>
    sheet.getDeveloperMetadata().some((m) => m.getKey() === TYPE_METADATA_KEY && m.getValue() === type.type),
  );
  return tagged ?? spreadsheet.getSheetByName(type.pluralLabel) ?? undefined;
}

function typeOfSheet(sheet: Sheet, types: readonly TypeDescription[]): TypeDescription | undefined {
  const tag = sheet
    .getDeveloperMetadata()
    .find((m) => m.getKey() === TYPE_METADATA_KEY)
    ?.getValue();
  return types.find((t) => t.type === tag) ?? types.find((t) => t.pluralLabel === sheet.getName());
}

/** A record tab, read with four range calls and written with a few per run of owned columns. */
class SheetTab implements TabPort {
  constructor(
    private readonly sheet: Sheet,
    private readonly type: TypeDescription,
  ) {}

  get name(): string {
    return this.sheet.getName();
  }

  read(): { snapshot: TabSnapshot; map: ColumnMap } {
    const range = this.sheet.getDataRange();
    const values = range.getValues() as CellValue[][];
    const formulas = range.getFormulas();
    const notes = range.getNotes();
    const backgrounds = range.getBackgrounds();
    const headers = values[0] ?? [];
    return {
      snapshot: {
        headers,
        rows: values.slice(1),
        formulas: formulas.slice(1),
        notes: notes.slice(1),
        backgrounds: backgrounds.slice(1),
      },
      map: mapColumns(headers, this.type, columnMapping(this.sheet), fieldColumns(this.sheet)),
    };
  }

  write(plan: WritePlan, map: ColumnMap): void {
    const lastNeeded = plan.rowsNeeded + 1;
    const maxRows = this.sheet.getMaxRows();
    if (lastNeeded > maxRows) {
      this.sheet.insertRowsAfter(maxRows, lastNeeded - maxRows);
      // Rows added here did not exist at set-up: they get the first data row's dropdowns and
      // checkboxes (set-up put them there), in one call whatever the number of rows.
      const width = this.sheet.getMaxColumns();
      this.sheet
        .getRange(2, 1, 1, width)
        .copyTo(
          this.sheet.getRange(maxRows + 1, 1, lastNeeded - maxRows, width),
          SpreadsheetApp.CopyPasteType.PASTE_DATA_VALIDATION,
          false,
        );
    }
    if (plan.appendCount > 0) {
      // Formats first, so text stays text and dates are read as dates when the values land.
      const formats = columnFormats(map);
      for (const run of contiguousRuns(ownedColumns(map))) {
        const row = Array.from({ length: run.count }, (_, i) => formats.get(run.start + i) ?? '');
        this.sheet
          .getRange(plan.appendFrom + 2, run.start + 1, plan.appendCount, run.count)
          .setNumberFormats(Array.from({ length: plan.appendCount }, () => row));
      }
    }
    for (const block of plan.blocks) {
      const range = this.sheet.getRange(
        block.firstRow + 2,
        block.column + 1,
        block.numRows,
        block.numColumns,
      );
      range.setValues(block.values);
      range.setNotes(block.notes);
      range.setBackgrounds(block.backgrounds);
    }
  }
}

/** A plain table the add-on keeps in its own tab (log, conflicts, undo), made on first use. */
export class TableTab implements TablePort {
  constructor(
    private readonly spreadsheet: Spreadsheet,
    private readonly name: string,
    private readonly headers: readonly string[],
    private readonly hidden = false,
  ) {}

  sheet(): Sheet {
    const existing = this.spreadsheet.getSheetByName(this.name);
    if (existing) return existing;
    const sheet = this.spreadsheet.insertSheet(this.name);
    sheet
      .getRange(1, 1, 1, this.headers.length)
      .setValues([[...this.headers]])
      .setFontWeight('bold');
    sheet.setFrozenRows(1);
    if (this.hidden) sheet.hideSheet();
    return sheet;
  }

  read(): unknown[][] {
    const sheet = this.spreadsheet.getSheetByName(this.name);
    if (!sheet || sheet.getLastRow() < 2) return [];
    return sheet.getRange(2, 1, sheet.getLastRow() - 1, this.headers.length).getValues();
  }

  write(rows: unknown[][]): void {
    const sheet = this.sheet();
    const stale = sheet.getLastRow() - 1;
    if (stale > rows.length)
      sheet.getRange(rows.length + 2, 1, stale - rows.length, this.headers.length).clearContent();
    if (rows.length === 0) return;
    if (rows.length + 1 > sheet.getMaxRows())
      sheet.insertRowsAfter(sheet.getMaxRows(), rows.length + 1 - sheet.getMaxRows());
    const width = this.headers.length;
    sheet
      .getRange(2, 1, rows.length, width)
      .setValues(rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '')));
  }
}

/** The spreadsheet the add-on runs in, as the sync runs see it. */
export function activeWorkbook(): Workbook {
  return workbookOf(activeSpreadsheet());
}

/** A spreadsheet as the sync runs see it. */
export function workbookOf(spreadsheet: Spreadsheet): Workbook {
  return {
    tab(type) {
      const sheet = findTypeSheet(spreadsheet, type);
      return sheet ? new SheetTab(sheet, type) : undefined;
    },
    selection(types) {
      const sheet = spreadsheet.getActiveSheet();
      const type = typeOfSheet(sheet, types);
      const ranges = spreadsheet.getActiveRangeList()?.getRanges() ?? [];
      if (!type || ranges.length === 0) return undefined;
      const rows = new Set<number>();
      let hidden = 0;
      // A basic filter is visible to scripts; a filter view is not (Google gives scripts no way
      // to see one), which is why every confirmation also says how many records it concerns.
      const filtered = sheet.getFilter() !== null;
      for (const range of ranges) {
        const last = Math.min(range.getLastRow(), sheet.getLastRow());
        for (let row = Math.max(range.getRow(), 2); row <= last; row++) {
          if (rows.has(row - 2)) continue;
          if ((filtered && sheet.isRowHiddenByFilter(row)) || sheet.isRowHiddenByUser(row)) hidden++;
          else rows.add(row - 2);
        }
      }
      return rows.size > 0 || hidden > 0 ? { type, rows, hidden } : undefined;
    },
    log: new TableTab(spreadsheet, TAB_NAMES.log, LOG_HEADERS),
    conflicts: new TableTab(spreadsheet, TAB_NAMES.conflicts, CONFLICT_HEADERS),
    undo: new TableTab(spreadsheet, TAB_NAMES.undo, UNDO_HEADERS, true),
    referenceLists: () => readReferenceLists(spreadsheet),
    flush: () => SpreadsheetApp.flush(),
  };
}

/** The Lists tab read back: for each "<type> ids" column, the ids and the names beside them. */
function readReferenceLists(spreadsheet: Spreadsheet): Map<string, Named[]> {
  const lists = new Map<string, Named[]>();
  const sheet = spreadsheet.getSheetByName(LISTS_TAB);
  if (!sheet || sheet.getLastRow() < 2) return lists;
  const [headers = [], ...rows] = sheet.getDataRange().getValues();
  headers.forEach((header, column) => {
    const refType = /^(.+) ids$/.exec(String(header))?.[1];
    if (!refType) return;
    lists.set(
      refType,
      rows
        .filter((row) => String(row[column] ?? '') !== '')
        .map((row) => ({ id: String(row[column]), name: String(row[column + 1] ?? '') })),
    );
  });
  return lists;
}
