import type { FieldDescription } from '../sheet/catalogue.ts';
import { type ColumnMap, columnFormats } from '../sheet/columns.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

export const LISTS_TAB = 'Lists';

/** The Lists tab header of a reference type's id column. */
export function listHeader(refType: string): string {
  return `${refType} ids`;
}

/**
 * The dropdown or checkbox of a field's cells. Invalid entries are allowed with a warning rather
 * than refused: the lists can be a little behind the server, and the server explains any problem
 * on the cell after a push or its preview.
 */
function validationFor(
  field: FieldDescription,
  lists: Sheet | null,
  listColumns: Map<string, number>,
): DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true).setHelpText(field.help);
  switch (field.kind) {
    case 'boolean':
      return field.derived ? null : SpreadsheetApp.newDataValidation().requireCheckbox().build();
    case 'enum':
      return field.options?.length ? builder.requireValueInList([...field.options], true).build() : null;
    case 'date':
      return builder.requireDate().build();
    // An action's owner and other people's addresses: a warning on anything that is not one.
    case 'email':
      return field.derived ? null : builder.requireTextIsEmail().build();
    case 'reference': {
      const column = field.refType ? listColumns.get(listHeader(field.refType)) : undefined;
      if (!lists || column === undefined) return null;
      const count = Math.max(1, lists.getLastRow() - 1);
      return builder.requireValueInRange(lists.getRange(2, column + 1, count, 1), true).build();
    }
    default:
      return null;
  }
}

/** Where each reference type's ids are in the Lists tab (one header read). */
function listColumns(lists: Sheet | null): Map<string, number> {
  const columns = new Map<string, number>();
  if (!lists || lists.getLastColumn() === 0) return columns;
  const headers = lists.getRange(1, 1, 1, lists.getLastColumn()).getValues()[0] ?? [];
  headers.forEach((h, i) => {
    columns.set(String(h), i);
  });
  return columns;
}

/**
 * Number formats, dropdowns and checkboxes for the add-on's columns over a block of rows: one
 * call per column, whatever the number of rows.
 */
export function applyColumnRules(sheet: Sheet, map: ColumnMap, firstRow: number, numRows: number): void {
  if (numRows <= 0) return;
  const lists = sheet.getParent().getSheetByName(LISTS_TAB);
  const columns = listColumns(lists);
  for (const [index, format] of columnFormats(map)) {
    sheet.getRange(firstRow, index + 1, numRows, 1).setNumberFormat(format);
  }
  for (const { field, index } of map.fields) {
    const rule = validationFor(field, lists, columns);
    const range = sheet.getRange(firstRow, index + 1, numRows, 1);
    range.setDataValidation(rule);
  }
}
