/// <reference types="google-apps-script" />
import { FakeColumnMetadata, FakeDeveloperMetadata, FakeProtection } from './protection-and-metadata.ts';
import { blankCell, CallLog, type Cell, type CellHost, FakeRange } from './range.ts';
import { enterValue, type StoredValue } from './sheet-input.ts';
import { FakeUi, newDataValidation } from './ui.ts';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type DeveloperMetadata = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

type SheetMethods =
  | 'getName'
  | 'setName'
  | 'getRange'
  | 'getDataRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'hideColumns'
  | 'isColumnHiddenByUser'
  | 'hideSheet'
  | 'isSheetHidden'
  | 'getDeveloperMetadata'
  | 'addDeveloperMetadata'
  | 'createDeveloperMetadataFinder'
  | 'getProtections'
  | 'getParent'
  | 'getFilter'
  | 'isRowHiddenByFilter'
  | 'isRowHiddenByUser';

/** A tab: a grid of cells that grows only when rows or columns are inserted, as in Sheets. */
export class FakeSheet implements Pick<Sheet, SheetMethods>, CellHost {
  maxRows = 1000;
  maxColumns = 26;
  readonly protections: FakeProtection[] = [];
  private rows: (Cell | undefined)[][] = [];
  private frozenRows = 0;
  private readonly hiddenColumns = new Set<number>();
  private hidden = false;
  private readonly metadata: FakeDeveloperMetadata[] = [];
  private readonly columnMetadata: FakeColumnMetadata[] = [];
  /** Rows (1-based) the tab's filter hides, and rows a person hid; null when the tab has no filter. */
  private filtered: Set<number> | null = null;
  private readonly hiddenRows = new Set<number>();

  constructor(
    public name: string,
    private readonly parent: FakeSpreadsheet,
  ) {}

  get timeZone(): string {
    return this.parent.timeZone;
  }

  get log(): CallLog {
    return this.parent.log;
  }

  cell(row: number, column: number): Cell {
    this.rows[row - 1] ??= [];
    const cells = this.rows[row - 1]!;
    cells[column - 1] ??= blankCell();
    return cells[column - 1]!;
  }

  asSheet(): Sheet {
    return this as unknown as Sheet;
  }

  protectRange(range: FakeRange): Protection {
    const protection = new FakeProtection(this, {
      row: range.getRow(),
      column: range.getColumn(),
      numRows: range.getNumRows(),
      numColumns: range.getNumColumns(),
    });
    this.protections.push(protection);
    return protection as unknown as Protection;
  }

  getName(): string {
    return this.name;
  }

  setName(name: string): Sheet {
    this.name = name;
    return this.asSheet();
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string')
      throw new Error('The fake supports getRange(row, column, numRows, numColumns) only');
    return new FakeRange(this, a, column ?? 1, numRows ?? 1, numColumns ?? 1) as unknown as Range;
  }

  getDataRange(): Range {
    return this.getRange(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }

  private hasContent(cell: Cell | undefined): boolean {
    return !!cell && (cell.value !== '' || cell.formula !== '');
  }

  getLastRow(): number {
    for (let r = this.rows.length; r >= 1; r--)
      if (this.rows[r - 1]?.some((c) => this.hasContent(c))) return r;
    return 0;
  }

  getLastColumn(): number {
    let last = 0;
    for (const row of this.rows)
      row?.forEach((c, i) => {
        if (this.hasContent(c)) last = Math.max(last, i + 1);
      });
    return last;
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  getMaxColumns(): number {
    return this.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    this.log.record(this.name, 'structure', 'insertRowsAfter');
    // New rows come without formats or validation (the add-on must not rely on inheriting them).
    this.rows.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
    return this.asSheet();
  }

  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.log.record(this.name, 'structure', 'insertColumnsAfter');
    for (const row of this.rows) row?.splice(afterPosition, 0, ...new Array<Cell | undefined>(howMany));
    for (const m of this.columnMetadata) if (m.column > afterPosition) m.column += howMany;
    this.maxColumns += howMany;
    return this.asSheet();
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }

  getFrozenRows(): number {
    return this.frozenRows;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.hiddenColumns.has(columnPosition);
  }

  hideSheet(): Sheet {
    this.hidden = true;
    return this.asSheet();
  }

  isSheetHidden(): boolean {
    return this.hidden;
  }

  getDeveloperMetadata(): DeveloperMetadata[] {
    return [...this.metadata] as unknown as DeveloperMetadata[];
  }

  addDeveloperMetadata(key: string, value?: unknown, _visibility?: unknown): Sheet {
    this.metadata.push(new FakeDeveloperMetadata(key, typeof value === 'string' ? value : null));
    return this.asSheet();
  }

  addColumnMetadata(column: number, key: string, value: string | null): void {
    this.columnMetadata.push(new FakeColumnMetadata(key, value, column));
  }

  /**
   * Sheets' finder over this tab's metadata, sheet-level and column-located alike; the add-on
   * asks by key. One counted call per find, as it is one request to Sheets.
   */
  createDeveloperMetadataFinder(): GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder {
    const find = (key?: string) => ({
      withKey: (k: string) => find(k),
      find: () => {
        this.log.record(this.name, 'structure', 'findDeveloperMetadata');
        return [...this.metadata, ...this.columnMetadata].filter(
          (m) => key === undefined || m.getKey() === key,
        );
      },
    });
    return find() as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder;
  }

  getProtections(_type: GoogleAppsScript.Spreadsheet.ProtectionType): Protection[] {
    return [...this.protections] as unknown as Protection[];
  }

  getParent(): Spreadsheet {
    return this.parent as unknown as Spreadsheet;
  }

  /** The tab's filter, if it has one (filter views are per person and invisible to scripts). */
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return (
      this.filtered ? { hidden: [...this.filtered] } : null
    ) as GoogleAppsScript.Spreadsheet.Filter | null;
  }

  isRowHiddenByFilter(rowPosition: number): boolean {
    this.log.record(this.name, 'structure', 'isRowHiddenByFilter');
    return this.filtered?.has(rowPosition) ?? false;
  }

  isRowHiddenByUser(rowPosition: number): boolean {
    this.log.record(this.name, 'structure', 'isRowHiddenByUser');
    return this.hiddenRows.has(rowPosition);
  }

  // Test helpers below: they act as a person would and are not counted.

  /** Types a value into a cell, as a person would (the cell's format decides how it is read). */
  type(row: number, column: number, input: unknown): void {
    const cell = this.cell(row, column);
    Object.assign(cell, enterValue(input, cell.format, this.timeZone));
  }

  /** Fills a whole row from values, as a paste would. */
  typeRow(row: number, inputs: readonly unknown[]): void {
    inputs.forEach((input, i) => {
      this.type(row, i + 1, input);
    });
  }

  /** Types a formula into a cell, showing what Sheets would compute for it (the fake computes nothing). */
  typeFormula(row: number, column: number, formula: string, shows: StoredValue): void {
    Object.assign(this.cell(row, column), { formula, value: shows });
  }

  /** A filter that shows only the rows where `keep` holds (1-based rows; the header always shows). */
  filterRows(keep: (row: number) => boolean): void {
    this.filtered = new Set();
    for (let r = 2; r <= this.getLastRow(); r++) if (!keep(r)) this.filtered.add(r);
  }

  /** Hides rows as a person does (right-click > Hide row). */
  hideRowsByUser(rows: readonly number[]): void {
    for (const r of rows) this.hiddenRows.add(r);
  }

  /**
   * Data > Sort range over part of the tab, as Sheets does it: only the cells inside the range
   * move (values, formulas, notes, colours, formats and dropdowns), in the order of one of its
   * columns; cells outside it, on the same rows, stay where they are. Blanks go last.
   */
  sortRange(
    area: { row: number; column: number; numRows: number; numColumns: number },
    byColumn: number,
    ascending = true,
  ): void {
    const rows = Array.from({ length: area.numRows }, (_, r) =>
      Array.from({ length: area.numColumns }, (_, c) => ({ ...this.cell(area.row + r, area.column + c) })),
    );
    const key = (cells: Cell[]) => cells[byColumn - area.column]!.value;
    const rank = (v: unknown) =>
      v === '' ? 3 : typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'boolean' ? 1 : 2;
    rows.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (rank(x) !== rank(y) || x === '' || y === '') return rank(x) - rank(y);
      const order = rank(x) === 2 ? String(x).localeCompare(String(y)) : Number(x) - Number(y);
      return ascending ? order : -order;
    });
    rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        Object.assign(this.cell(area.row + r, area.column + c), cell);
      });
    });
  }

  /** Swaps two whole rows, as sorting does. */
  swapRows(a: number, b: number): void {
    const rowA = this.rows[a - 1];
    this.rows[a - 1] = this.rows[b - 1] ?? [];
    this.rows[b - 1] = rowA ?? [];
  }

  peek(row: number, column: number): Cell {
    return { ...this.cell(row, column) };
  }

  /** The header row, as text. */
  headers(): string[] {
    return Array.from({ length: this.getLastColumn() }, (_, i) => String(this.cell(1, i + 1).value));
  }

  /** 1-based column of a header. */
  column(header: string): number {
    const index = this.headers().indexOf(header);
    if (index < 0) throw new Error(`No column "${header}" in ${this.name}: ${this.headers().join(', ')}`);
    return index + 1;
  }

  /** 1-based row whose cell under `header` holds `value`. */
  rowWhere(header: string, value: unknown): number {
    const column = this.column(header);
    for (let r = 2; r <= this.getLastRow(); r++) if (this.cell(r, column).value === value) return r;
    throw new Error(`No row of ${this.name} has ${header} = ${String(value)}`);
  }

  /** The value under a header in a row. */
  at(row: number, header: string): Cell {
    return this.peek(row, this.column(header));
  }

  isProtected(column: number): boolean {
    return this.protections.some(
      (p) => p.area.column <= column && column < p.area.column + p.area.numColumns,
    );
  }
}

class FakeRangeList {
  constructor(private readonly ranges: Range[]) {}

  getRanges(): Range[] {
    return [...this.ranges];
  }
}

type SpreadsheetMethods =
  | 'getSheets'
  | 'getSheetByName'
  | 'insertSheet'
  | 'getActiveSheet'
  | 'getActiveRangeList'
  | 'getSpreadsheetTimeZone'
  | 'getId'
  | 'getName'
  | 'getSpreadsheetLocale'
  | 'toast';

/** A spreadsheet: its tabs, the active tab and selection, its time zone and the call log. */
export class FakeSpreadsheet implements Pick<Spreadsheet, SpreadsheetMethods> {
  readonly log = new CallLog();
  readonly sheets: FakeSheet[] = [];
  readonly toasts: string[] = [];
  private active: FakeSheet;
  private selection: Range[] = [];

  name = 'Team records';

  constructor(
    readonly id: string,
    readonly timeZone = 'Pacific/Auckland',
    /** Sheets' locale ("en_NZ", "en_US"…): how typed dates are read. */
    readonly locale = 'en_NZ',
  ) {
    this.active = new FakeSheet('Sheet1', this);
    this.sheets.push(this.active);
  }

  getSheets(): Sheet[] {
    return this.sheets as unknown as Sheet[];
  }

  getSheetByName(name: string): Sheet | null {
    return (this.sheets.find((s) => s.name === name) as unknown as Sheet) ?? null;
  }

  insertSheet(sheetName?: unknown, _options?: unknown): Sheet {
    const name = typeof sheetName === 'string' ? sheetName : `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`Exception: A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet(name, this);
    this.sheets.push(sheet);
    this.active = sheet;
    return sheet as unknown as Sheet;
  }

  getActiveSheet(): Sheet {
    return this.active as unknown as Sheet;
  }

  getActiveRangeList(): GoogleAppsScript.Spreadsheet.RangeList | null {
    return this.selection.length
      ? (new FakeRangeList(this.selection) as unknown as GoogleAppsScript.Spreadsheet.RangeList)
      : null;
  }

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }

  getId(): string {
    return this.id;
  }

  getName(): string {
    return this.name;
  }

  getSpreadsheetLocale(): string {
    return this.locale;
  }

  toast(message: string): void {
    this.toasts.push(message);
  }

  /** A tab by name, for tests. */
  tab(name: string): FakeSheet {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet)
      throw new Error(`No tab "${name}"; the tabs are ${this.sheets.map((s) => s.name).join(', ')}`);
    return sheet;
  }

  /** Makes a tab active and selects whole rows in it (1-based sheet rows), as a person would. */
  selectRows(tab: string, rows: number[]): void {
    this.active = this.tab(tab);
    this.selection = rows.map(
      (r) => new FakeRange(this.active, r, 1, 1, this.active.maxColumns) as unknown as Range,
    );
  }
}

/** SpreadsheetApp for one spreadsheet and one person's UI. */
export class FakeSpreadsheetApp
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      | 'getActiveSpreadsheet'
      | 'getActive'
      | 'openById'
      | 'getUi'
      | 'flush'
      | 'newDataValidation'
      | 'ProtectionType'
      | 'CopyPasteType'
    >
{
  readonly ProtectionType = {
    RANGE: 'RANGE',
    SHEET: 'SHEET',
  } as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;
  readonly CopyPasteType = {
    PASTE_DATA_VALIDATION: 'PASTE_DATA_VALIDATION',
    PASTE_FORMAT: 'PASTE_FORMAT',
  } as unknown as typeof GoogleAppsScript.Spreadsheet.CopyPasteType;
  flushes = 0;

  /**
   * Whether this execution runs in the spreadsheet. Google does not document that a time-driven
   * add-on trigger does, so trigger runs in the tests take both sides.
   */
  inDocument = true;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    readonly ui = new FakeUi(),
    private readonly scopes: readonly string[] = [],
  ) {}

  /** The open spreadsheet, or null when there is none ("Returns the currently active spreadsheet, or null if there is none"). */
  getActiveSpreadsheet(): Spreadsheet {
    return (this.inDocument ? this.spreadsheet : null) as unknown as Spreadsheet;
  }

  /** Needs the full `spreadsheets` scope, which `spreadsheets.currentonly` does not give. */
  openById(id: string): Spreadsheet {
    if (!this.scopes.includes('https://www.googleapis.com/auth/spreadsheets'))
      throw new Error(
        'Exception: You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
      );
    if (id !== this.spreadsheet.id)
      throw new Error(
        `Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return this.spreadsheet as unknown as Spreadsheet;
  }

  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }

  getUi(): GoogleAppsScript.Base.Ui {
    return this.ui as unknown as GoogleAppsScript.Base.Ui;
  }

  flush(): void {
    this.flushes++;
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return newDataValidation();
  }
}
