import type { ReportCell } from '../sheet/weekly-report-rows.ts';
import { activeSpreadsheet } from './environment.ts';

/**
 * Replaces a report tab's contents with these rows (making the tab if needed). Cells are written
 * as values with a plain-text format for text, so a summary starting with "=" stays text.
 */
export function writeReportTab(name: string, rows: ReportCell[][]): void {
  const spreadsheet = activeSpreadsheet();
  const sheet = spreadsheet.getSheetByName(name) ?? spreadsheet.insertSheet(name);
  // A report pulled again replaces the last one: clear what it wrote (values only; formats
  // follow), in the report's own columns, so that notes a team keeps beside it stay.
  const width = Math.max(1, rows[0]?.length ?? 1);
  if (sheet.getLastRow() > 0)
    sheet.getRange(1, 1, sheet.getLastRow(), Math.min(width, sheet.getMaxColumns())).clearContent();
  if (rows.length === 0) return;
  const range = sheet.getRange(1, 1, rows.length, rows[0]!.length);
  range.setNumberFormats(rows.map((row) => row.map((cell) => (typeof cell === 'number' ? '0.##' : '@'))));
  range.setValues(rows);
  sheet.getRange(1, 1, 1, 1).setFontWeight('bold');
  sheet.getRange(3, 1, 1, rows[0]!.length).setFontWeight('bold');
  sheet.setFrozenRows(3);
}
