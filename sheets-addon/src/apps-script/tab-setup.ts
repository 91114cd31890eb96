import type { ApiRecord, TypeDescription } from '../sheet/catalogue.ts';
import { TEXT_FORMAT, toCell } from '../sheet/cell-values.ts';
import {
  type ColumnMap,
  contiguousRuns,
  defaultHeaders,
  mapColumns,
  readOnlyColumns,
  SYSTEM_COLUMNS,
} from '../sheet/columns.ts';
import { CONFLICT_HEADERS } from '../sheet/conflicts.ts';
import { NOTE_PREFIX } from '../sheet/tab-writes.ts';
import type { Environment, Workbook } from '../sync/ports.ts';
import { SyncRun } from '../sync/sync-run.ts';
import { UserFacingError } from '../sync/user-facing-error.ts';
import { applyColumnRules, LISTS_TAB, listHeader } from './column-rules.ts';
import { activeSpreadsheet } from './environment.ts';
import {
  columnMapping,
  FIELD_METADATA_KEY,
  fieldColumns,
  findTypeSheet,
  TAB_NAMES,
  TableTab,
  TYPE_METADATA_KEY,
} from './workbook.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const PROTECTION_DESCRIPTION = 'Partnership Records: kept by the add-on';

export interface SetupReport {
  summary: string;
  tabs: { label: string; created: boolean; added: string[] }[];
  requests: number;
}

function displayName(record: ApiRecord): string {
  const v = record.values;
  return String(v.name ?? v.title ?? v.subject ?? v.agency ?? record.id);
}

/** The Lists tab: for each referenced type, its ids (the dropdowns read these) and names beside them. */
export function writeLists(spreadsheet: Spreadsheet, refTypes: string[], lists: ApiRecord[][]): void {
  const sheet = spreadsheet.getSheetByName(LISTS_TAB) ?? spreadsheet.insertSheet(LISTS_TAB);
  const height = Math.max(1, ...lists.map((l) => l.length)) + 1;
  const width = Math.max(1, refTypes.length * 2);
  const grid: string[][] = Array.from({ length: height }, () => new Array(width).fill(''));
  refTypes.forEach((refType, i) => {
    grid[0]![i * 2] = listHeader(refType);
    grid[0]![i * 2 + 1] = `${refType} names`;
    [...lists[i]!]
      .sort((a, b) => displayName(a).localeCompare(displayName(b)))
      .forEach((record, r) => {
        grid[r + 1]![i * 2] = record.id;
        grid[r + 1]![i * 2 + 1] = displayName(record);
      });
  });
  if (sheet.getLastRow() > 0)
    sheet.getRange(1, 1, sheet.getLastRow(), Math.max(sheet.getLastColumn(), 1)).clearContent();
  if (height > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), height - sheet.getMaxRows());
  if (width > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, height, width);
  range.setNumberFormat(TEXT_FORMAT);
  range.setValues(grid);
  sheet.setFrozenRows(1);
}

/** Creates or repairs one record tab; returns whether it was made and which headers were added. */
export function setUpTab(
  spreadsheet: Spreadsheet,
  type: TypeDescription,
): { sheet: Sheet; created: boolean; added: string[] } {
  let sheet = findTypeSheet(spreadsheet, type);
  const created = !sheet;
  sheet ??= spreadsheet.insertSheet(type.pluralLabel);
  if (!sheet.getDeveloperMetadata().some((m) => m.getKey() === TYPE_METADATA_KEY))
    sheet.addDeveloperMetadata(TYPE_METADATA_KEY, type.type);

  const mapping = columnMapping(sheet);
  const tagged = fieldColumns(sheet);
  const lastColumn = sheet.getLastColumn();
  const headers = lastColumn > 0 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] ?? []) : [];
  const added = lastColumn === 0 ? defaultHeaders(type) : mapColumns(headers, type, mapping, tagged).missing;
  if (added.length > 0) {
    const needed = lastColumn + added.length;
    if (needed > sheet.getMaxColumns())
      sheet.insertColumnsAfter(sheet.getMaxColumns(), needed - sheet.getMaxColumns());
    sheet.getRange(1, lastColumn + 1, 1, added.length).setValues([added]);
  }
  const width = sheet.getLastColumn();
  const map = mapColumns(sheet.getRange(1, 1, 1, width).getValues()[0] ?? [], type, mapping, tagged);
  // Each field column is tagged once with its field, so that it stays that field when renamed
  // or moved and a look-alike column of the team's is never taken for it.
  for (const { field, index } of map.fields) {
    if (tagged.get(index) !== field.name)
      sheet
        .getRange(1, index + 1, sheet.getMaxRows(), 1)
        .addDeveloperMetadata(FIELD_METADATA_KEY, field.name);
  }

  // Header notes explain each column; people's own header notes are left alone.
  const headerRange = sheet.getRange(1, 1, 1, width);
  const notes = headerRange.getNotes()[0] ?? [];
  for (const { field, index } of map.fields)
    notes[index] =
      `${NOTE_PREFIX}${field.help}${field.required ? ' (required)' : ''}${field.derived ? ' (set by the system)' : ''}`;
  for (const [name, index] of Object.entries(map.system))
    notes[index] = `${NOTE_PREFIX}${SYSTEM_COLUMNS[name as keyof typeof SYSTEM_COLUMNS].help}`;
  headerRange.setNotes([notes]);
  headerRange.setFontWeight('bold');
  sheet.setFrozenRows(1);

  applyColumnRules(sheet, map, 2, sheet.getMaxRows() - 1);
  if (!created) fillFromSynced(sheet, map, added);

  // Warning-only protection: people are warned before typing into these columns, while the
  // add-on (running as whichever editor syncs) can still write them.
  for (const protection of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (protection.getDescription() === PROTECTION_DESCRIPTION) protection.remove();
  }
  for (const run of contiguousRuns(readOnlyColumns(map))) {
    sheet
      .getRange(1, run.start + 1, sheet.getMaxRows(), run.count)
      .protect()
      .setDescription(PROTECTION_DESCRIPTION)
      .setWarningOnly(true);
  }
  if (map.system.synced !== undefined) sheet.hideColumns(map.system.synced + 1);
  return { sheet, created, added: created ? [] : added };
}

/**
 * A field column added back to a tab that has rows gets each row's last synced value, so a
 * repair never leaves an empty column that the next push would send as "cleared" for every
 * record. Rows never synced stay empty, as they would be anyway.
 */
function fillFromSynced(sheet: Sheet, map: ColumnMap, added: readonly string[]): void {
  const rows = sheet.getLastRow() - 1;
  const synced = map.system.synced;
  const fields = map.fields.filter((f) => added.includes(f.field.title) && !f.field.derived);
  if (rows <= 0 || synced === undefined || fields.length === 0) return;
  const states = sheet
    .getRange(2, synced + 1, rows, 1)
    .getValues()
    .map(([cell]) => {
      try {
        return typeof cell === 'string' && cell.startsWith('{')
          ? (JSON.parse(cell) as { values?: Record<string, unknown> }).values
          : undefined;
      } catch {
        return undefined;
      }
    });
  for (const { field, index } of fields) {
    sheet
      .getRange(2, index + 1, rows, 1)
      .setValues(states.map((values) => [values ? toCell(field, values[field.name]) : '']));
  }
}

/** The reference lists the given types' dropdowns need, read from the API (nothing written yet). */
export interface ReferenceLists {
  refTypes: string[];
  lists: ApiRecord[][];
}

export function fetchLists(
  run: SyncRun,
  all: readonly TypeDescription[],
  chosen: readonly TypeDescription[],
): ReferenceLists {
  const refTypes = [
    ...new Set(
      chosen.flatMap((t) =>
        t.fields.filter((f) => f.kind === 'reference' && f.refType).map((f) => f.refType!),
      ),
    ),
  ];
  const lists = run.api.listAll(
    refTypes.map((refType) => ({
      path: all.find((t) => t.type === refType)?.path ?? refType,
      regionId: run.settings.regionId || undefined,
    })),
  );
  return { refTypes, lists };
}

/**
 * Refreshes the Lists tab behind the dropdowns (and behind names typed for references) for the
 * reference fields of the given types; returns the referenced types.
 */
function refreshLists(
  run: SyncRun,
  spreadsheet: Spreadsheet,
  all: readonly TypeDescription[],
  chosen: readonly TypeDescription[],
): string[] {
  const { refTypes, lists } = fetchLists(run, all, chosen);
  writeLists(spreadsheet, refTypes, lists);
  return refTypes;
}

/**
 * Set up / repair: reads the record types from the API (so the tabs follow the server's
 * definitions), refreshes the Lists tab behind the dropdowns, and makes or repairs each tab.
 */
export function setUpTabs(env: Environment, workbook: Workbook): SetupReport {
  return SyncRun.run(env, workbook, 'set up tabs', (run) => {
    const spreadsheet = activeSpreadsheet();
    const all = run.api.types();
    const chosen = run.settings.types.map((name) => {
      const type = all.find((t) => t.type === name || t.path === name);
      if (!type)
        throw new UserFacingError(
          `The API has no record type "${name}". The types are: ${all.map((t) => t.type).join(', ')}.`,
        );
      return type;
    });
    for (const type of chosen) run.state.saveType(type);

    const refTypes = refreshLists(run, spreadsheet, all, chosen);

    const tabs: SetupReport['tabs'] = [];
    for (const type of chosen) {
      const { sheet, created, added } = setUpTab(spreadsheet, type);
      // An empty tab needs everything: start its pulls from the beginning.
      if (created || sheet.getLastRow() < 2) run.state.forgetCursor(type.type);
      tabs.push({ label: type.pluralLabel, created, added });
    }
    const conflicts = new TableTab(spreadsheet, TAB_NAMES.conflicts, CONFLICT_HEADERS).sheet();
    conflicts.hideColumns(CONFLICT_HEADERS.length);
    const summary = `Set up ${tabs
      .map(
        (t) =>
          `${t.label} (${t.created ? 'new' : t.added.length ? `added ${t.added.join(', ')}` : 'checked'})`,
      )
      .join(', ')}; lists of ${refTypes.join(', ') || 'nothing'} refreshed.`;
    return { result: { summary, tabs, requests: run.api.requests }, ok: true, details: summary };
  });
}
