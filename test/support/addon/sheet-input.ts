/**
 * How a Google Sheet takes a value written by `setValues` or typed by a person: strings are
 * parsed as if typed (numbers, ISO dates, TRUE/FALSE, formulas), a leading apostrophe forces
 * text, and plain-text format ('@') keeps strings as they are. The fake is pessimistic where
 * Google's behaviour is not documented: a string starting with "=" becomes a formula even in a
 * plain-text cell, so only the add-on's own escaping can keep server text from being a formula.
 */

export type StoredValue = string | number | boolean | Date;

export interface EnteredCell {
  value: StoredValue;
  formula: string;
}

/** What a formula cell shows in the fake: it does not evaluate formulas. */
export const FORMULA_RESULT = '#FORMULA';

function parts(date: Date, timeZone: string): Record<string, number> {
  const formatter = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, number> = {};
  for (const part of formatter.formatToParts(date))
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** Midnight of a calendar day in a time zone, as an instant. */
export function midnightIn(timeZone: string, year: number, month: number, day: number): Date {
  const target = Date.UTC(year, month - 1, day);
  let guess = target;
  for (let i = 0; i < 3; i++) {
    const p = parts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    guess += target - shown;
  }
  return new Date(guess);
}

/** Utilities.formatDate for the patterns the add-on uses (yyyy, MM, dd, HH, mm, ss). */
export function formatInZone(date: Date, timeZone: string, pattern: string): string {
  const p = parts(date, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return pattern
    .replace(/yyyy/g, pad(p.year!, 4))
    .replace(/MM/g, pad(p.month!))
    .replace(/dd/g, pad(p.day!))
    .replace(/HH/g, pad(p.hour!))
    .replace(/mm/g, pad(p.minute!))
    .replace(/ss/g, pad(p.second!));
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The cell a value becomes when written into a cell of the given number format. */
export function enterValue(input: unknown, format: string, timeZone: string): EnteredCell {
  if (input === null || input === undefined) return { value: '', formula: '' };
  if (isDate(input)) return { value: new Date(input.getTime()), formula: '' };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input, formula: '' };
  const text = String(input);
  if (text === '') return { value: '', formula: '' };
  const plainText = format === '@';
  if (text.startsWith("'")) {
    // Google hides the apostrophe in automatic cells; plain-text cells keep it as a character.
    return { value: plainText ? text : text.slice(1), formula: '' };
  }
  if (text.startsWith('=')) return { value: FORMULA_RESULT, formula: text };
  if (plainText) return { value: text, formula: '' };
  if (NUMBER.test(text)) return { value: Number(text), formula: '' };
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, m, d] = iso.map(Number) as [number, number, number, number];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCMonth() === m - 1 && check.getUTCDate() === d)
      return { value: midnightIn(timeZone, y, m, d), formula: '' };
  }
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', formula: '' };
  if (/^[+\-@]/.test(text)) return { value: FORMULA_RESULT, formula: `=${text}` };
  return { value: text, formula: '' };
}
