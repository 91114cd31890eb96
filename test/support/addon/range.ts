/// <reference types="google-apps-script" />
import { enterValue, type StoredValue } from './sheet-input.ts';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** One cell of the fake: what Sheets keeps per cell, as far as the add-on uses it. */
export interface Cell {
  value: StoredValue;
  formula: string;
  note: string;
  background: string;
  format: string;
  validation: FakeDataValidation | null;
}

export const DEFAULT_FORMAT = 'General';
export const DEFAULT_BACKGROUND = '#ffffff';

export function blankCell(): Cell {
  return {
    value: '',
    formula: '',
    note: '',
    background: DEFAULT_BACKGROUND,
    format: DEFAULT_FORMAT,
    validation: null,
  };
}

/** Counts range reads and writes per tab, so tests can show that I/O is batched. */
export class CallLog {
  private readonly calls = new Map<string, number>();

  record(sheet: string, kind: 'read' | 'write' | 'structure', method: string): void {
    const key = `${sheet}\u0000${kind}\u0000${method}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  /** Range reads plus writes on one tab (or all tabs). */
  rangeCalls(sheet?: string): number {
    let total = 0;
    for (const [key, n] of this.calls) {
      const [name, kind] = key.split('\u0000');
      if ((sheet === undefined || name === sheet) && kind !== 'structure') total += n;
    }
    return total;
  }

  /** Calls by "kind method" on one tab, for messages when an assertion fails. */
  breakdown(sheet: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, n] of this.calls) {
      const [name, kind, method] = key.split('\u0000');
      if (name === sheet) out[`${kind} ${method}`] = n;
    }
    return out;
  }

  reset(): void {
    this.calls.clear();
  }
}

/** The part of a sheet a range needs: its cells, time zone and call log. */
export interface CellHost {
  readonly name: string;
  readonly timeZone: string;
  readonly log: CallLog;
  maxRows: number;
  maxColumns: number;
  cell(row: number, column: number): Cell;
  asSheet(): GoogleAppsScript.Spreadsheet.Sheet;
  protectRange(range: FakeRange): GoogleAppsScript.Spreadsheet.Protection;
  addColumnMetadata(column: number, key: string, value: string | null): void;
}

export class FakeDataValidation {
  constructor(
    readonly criteria: string,
    readonly values: unknown[],
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
}

type RangeMethods =
  | 'getRow'
  | 'getColumn'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getValues'
  | 'getValue'
  | 'getFormulas'
  | 'getNotes'
  | 'getBackgrounds'
  | 'getNumberFormats'
  | 'setValues'
  | 'setValue'
  | 'setNotes'
  | 'setBackgrounds'
  | 'setNumberFormats'
  | 'setNumberFormat'
  | 'setDataValidation'
  | 'setFontWeight'
  | 'clearContent'
  | 'protect'
  | 'addDeveloperMetadata'
  | 'copyTo'
  | 'getSheet';

/** A rectangle of cells; every read and write is one counted call, whatever its size. */
export class FakeRange implements Pick<Range, RangeMethods> {
  constructor(
    private readonly host: CellHost,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) {
      throw new Error(
        `Exception: The starting row and column of the range must be at least 1, and its size at least 1 (got ${row},${column},${numRows},${numColumns}).`,
      );
    }
    if (row + numRows - 1 > host.maxRows || column + numColumns - 1 > host.maxColumns) {
      throw new Error(
        `Exception: Those rows are out of bounds (range ends at row ${row + numRows - 1}, column ${column + numColumns - 1}; the sheet has ${host.maxRows} rows, ${host.maxColumns} columns).`,
      );
    }
  }

  private self(): Range {
    return this as unknown as Range;
  }

  /** Only a whole column takes metadata here (Sheets also allows whole rows, which the add-on never uses). */
  addDeveloperMetadata(key: string, value?: unknown): Range {
    if (this.row !== 1 || this.numRows !== this.host.maxRows || this.numColumns !== 1)
      throw new Error(
        'Exception: Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.',
      );
    this.host.addColumnMetadata(this.column, key, typeof value === 'string' ? value : null);
    return this.self();
  }

  private map<T>(read: (cell: Cell) => T, method: string): T[][] {
    this.host.log.record(this.host.name, 'read', method);
    return Array.from({ length: this.numRows }, (_, r) =>
      Array.from({ length: this.numColumns }, (_, c) => read(this.host.cell(this.row + r, this.column + c))),
    );
  }

  private each(
    grid: readonly (readonly unknown[])[],
    write: (cell: Cell, input: unknown) => void,
    method: string,
  ): Range {
    this.host.log.record(this.host.name, 'write', method);
    if (grid.length !== this.numRows || grid.some((row) => row.length !== this.numColumns)) {
      throw new Error(
        `Exception: The number of rows or columns in the data does not match the range: the data is ${grid.length}x${grid[0]?.length ?? 0}, the range is ${this.numRows}x${this.numColumns}.`,
      );
    }
    grid.forEach((row, r) => {
      row.forEach((input, c) => {
        write(this.host.cell(this.row + r, this.column + c), input);
      });
    });
    return this.self();
  }

  private all(write: (cell: Cell) => void, method: string): Range {
    this.host.log.record(this.host.name, 'write', method);
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++) write(this.host.cell(this.row + r, this.column + c));
    return this.self();
  }

  getRow(): number {
    return this.row;
  }

  getColumn(): number {
    return this.column;
  }

  getLastRow(): number {
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }

  getNumRows(): number {
    return this.numRows;
  }

  getNumColumns(): number {
    return this.numColumns;
  }

  getValues(): any[][] {
    return this.map(
      (cell) => (cell.value instanceof Date ? new Date(cell.value.getTime()) : cell.value),
      'getValues',
    );
  }

  getValue(): any {
    return this.getValues()[0]![0];
  }

  getFormulas(): string[][] {
    return this.map((cell) => cell.formula, 'getFormulas');
  }

  getNotes(): string[][] {
    return this.map((cell) => cell.note, 'getNotes');
  }

  getBackgrounds(): string[][] {
    return this.map((cell) => cell.background, 'getBackgrounds');
  }

  getNumberFormats(): string[][] {
    return this.map((cell) => cell.format, 'getNumberFormats');
  }

  setValues(values: any[][]): Range {
    return this.each(
      values,
      (cell, input) => {
        // The same formula written back computes the same value (the fake computes none itself).
        if (typeof input === 'string' && input.startsWith('=') && input === cell.formula) return;
        Object.assign(cell, enterValue(input, cell.format, this.host.timeZone));
      },
      'setValues',
    );
  }

  setValue(value: any): Range {
    return this.all(
      (cell) => Object.assign(cell, enterValue(value, cell.format, this.host.timeZone)),
      'setValue',
    );
  }

  setNotes(notes: any[][]): Range {
    return this.each(
      notes,
      (cell, note) => {
        cell.note = note === null || note === undefined ? '' : String(note);
      },
      'setNotes',
    );
  }

  setBackgrounds(color: string[][]): Range {
    return this.each(
      color,
      (cell, colour) => {
        cell.background =
          colour === null || colour === undefined || colour === '' ? '#ffffff' : String(colour);
      },
      'setBackgrounds',
    );
  }

  setNumberFormats(numberFormats: any[][]): Range {
    return this.each(
      numberFormats,
      (cell, format) => {
        cell.format = String(format);
      },
      'setNumberFormats',
    );
  }

  setNumberFormat(numberFormat: string): Range {
    return this.all((cell) => {
      cell.format = numberFormat;
    }, 'setNumberFormat');
  }

  setDataValidation(rule: DataValidation | null): Range {
    return this.all((cell) => {
      cell.validation = rule as unknown as FakeDataValidation | null;
    }, 'setDataValidation');
  }

  setFontWeight(_fontWeight: string | null): Range {
    this.host.log.record(this.host.name, 'write', 'setFontWeight');
    return this.self();
  }

  clearContent(): Range {
    return this.all((cell) => {
      cell.value = '';
      cell.formula = '';
    }, 'clearContent');
  }

  /** Copies data validation (or formats) onto another range of the same tab, tiling the source. */
  copyTo(destination: Range, copyPasteType?: unknown, _transposed?: boolean): void {
    this.host.log.record(this.host.name, 'write', 'copyTo');
    const target = destination as unknown as FakeRange;
    if (copyPasteType !== 'PASTE_DATA_VALIDATION' && copyPasteType !== 'PASTE_FORMAT') {
      throw new Error(
        `The fake copyTo supports PASTE_DATA_VALIDATION and PASTE_FORMAT, not ${String(copyPasteType)}`,
      );
    }
    for (let r = 0; r < target.numRows; r++) {
      for (let c = 0; c < target.numColumns; c++) {
        const from = this.host.cell(this.row + (r % this.numRows), this.column + (c % this.numColumns));
        const to = this.host.cell(target.row + r, target.column + c);
        if (copyPasteType === 'PASTE_DATA_VALIDATION') to.validation = from.validation;
        else {
          to.format = from.format;
          to.background = from.background;
        }
      }
    }
  }

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    this.host.log.record(this.host.name, 'structure', 'protect');
    return this.host.protectRange(this);
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.host.asSheet();
  }
}
