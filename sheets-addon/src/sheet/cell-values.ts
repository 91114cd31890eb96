import { isIsoDate } from '../../../functions/domain/iso-date.ts';
import type { FieldDescription, FieldKind } from './catalogue.ts';

/**
 * Conversion between API values and spreadsheet cells, per field kind. The rule is that a value
 * written by `toCell` and read back by `fromCell` is exactly the value the server sent, so a
 * pulled row never looks edited and a pushed row never changes by accident.
 */

/** What `Range.getValues()` hands back for one cell ('' when empty). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** Turns a date cell into `YYYY-MM-DD` in the spreadsheet's own time zone (Utilities.formatDate in Apps Script). */
export type DateReader = (date: Date) => string;

/** Plain text: what is typed stays as typed, so ids, quarters and amounts are never reinterpreted. */
export const TEXT_FORMAT = '@';
const DATE_FORMAT = 'yyyy-mm-dd';
export const INTEGER_FORMAT = '0';
const DECIMAL_FORMAT = '0.0#';
const AUTOMATIC_FORMAT = 'General';

const FORMAT_BY_KIND: Record<FieldKind, string> = {
  text: TEXT_FORMAT,
  longText: TEXT_FORMAT,
  email: TEXT_FORMAT,
  url: TEXT_FORMAT,
  quarter: TEXT_FORMAT,
  money: TEXT_FORMAT,
  enum: TEXT_FORMAT,
  reference: TEXT_FORMAT,
  references: TEXT_FORMAT,
  date: DATE_FORMAT,
  integer: INTEGER_FORMAT,
  decimal: DECIMAL_FORMAT,
  boolean: AUTOMATIC_FORMAT,
};

/** The number format a field's column gets. */
export function formatForKind(kind: FieldKind): string {
  return FORMAT_BY_KIND[kind];
}

const FORMULA_START = /^[=+\-@]/;
const ESCAPED_FORMULA_START = /^'[=+\-@]/;

/**
 * Text that begins with = + - or @ is written behind an apostrophe, which Sheets takes as "this is
 * text", so a value from the server can never become a formula (spreadsheet formula injection).
 */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Undoes `safeText` where a plain-text cell kept the apostrophe as a character, so the server
 * gets back exactly what it sent.
 */
export function unescapeText(text: string): string {
  return ESCAPED_FORMULA_START.test(text) ? text.slice(1) : text;
}

export function isDate(value: unknown): value is Date {
  // Cells come from another realm in tests (and are host objects in Apps Script): no instanceof.
  return Object.prototype.toString.call(value) === '[object Date]';
}

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/** The value to write into a cell for an API value; '' leaves the cell empty. */
export function toCell(field: FieldDescription, value: unknown): string | number | boolean {
  if (value === undefined || value === null) return '';
  switch (field.kind) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : safeText(String(value));
    case 'boolean':
      return typeof value === 'boolean' ? value : safeText(String(value));
    case 'date':
      // An ISO date typed into a date-formatted cell becomes that day in the sheet's time zone.
      return isIsoDate(value) ? value : safeText(String(value));
    case 'references':
      return Array.isArray(value) ? safeText(value.join(', ')) : safeText(String(value));
    default:
      return safeText(String(value));
  }
}

function textOf(cell: CellValue, readDate: DateReader): string {
  if (isDate(cell)) return readDate(cell);
  return unescapeText(String(cell));
}

function isEmpty(cell: CellValue): boolean {
  return cell === '' || cell === null || cell === undefined;
}

/**
 * The API value of a cell, or undefined when the cell is empty. Values that cannot be what the
 * field expects are passed on as typed, so the server can say in plain words what is wrong.
 */
export function fromCell(field: FieldDescription, cell: CellValue, readDate: DateReader): unknown {
  if (isEmpty(cell)) {
    // An unticked checkbox that was never touched is an empty cell: for a required yes/no it means no.
    if (field.required && field.kind === 'boolean') return false;
    return field.kind === 'references' && field.required ? [] : undefined;
  }
  switch (field.kind) {
    case 'integer':
    case 'decimal': {
      if (typeof cell === 'number') return cell;
      const text = textOf(cell, readDate).trim();
      return NUMBER_TEXT.test(text) ? Number(text) : text;
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return cell;
      const text = textOf(cell, readDate).trim().toLowerCase();
      if (text === 'true' || text === 'yes') return true;
      if (text === 'false' || text === 'no') return false;
      return textOf(cell, readDate);
    }
    case 'date':
      return isDate(cell) ? readDate(cell) : textOf(cell, readDate).trim();
    case 'enum': {
      const text = textOf(cell, readDate).trim();
      // "Planning" means "planning": match options without minding case.
      return field.options?.find((o) => o.toLowerCase() === text.toLowerCase()) ?? text;
    }
    case 'reference':
      return textOf(cell, readDate).trim();
    case 'references':
      return textOf(cell, readDate)
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter((part) => part !== '');
    default:
      return textOf(cell, readDate);
  }
}

/** Shows a value in a note or a message the way a person would type it. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(empty)';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}
