import { type Named, namesMatching } from '../../../data/name-matching.ts';
import type { FieldDescription, FieldError, TypeDescription } from './catalogue.ts';
import { isDeleted, type SheetRow } from './row-state.ts';

/**
 * What people type in their own sheets, made into what the API takes, before a push: names in
 * reference columns become ids (the same name matching as the server's reference data, so
 * "Whangarei" is Whangārei District), and dates typed as day/month/year become 2026-11-16 in a
 * spreadsheet whose locale writes the day first. Anything ambiguous or unknown is explained on
 * its cell instead of being guessed.
 */

/** The order in which a spreadsheet's locale writes dates. */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const MONTH_FIRST = /^(en_US|es_US|en_PH|fil|en_CA|en_BZ|en_FM|en_GU|en_MH|en_MP|en_PR|en_UM|en_VI)/;
const YEAR_FIRST = /^(ja|zh|ko|hu|lt|mn|sv|fr_CA)/;

/** The date order of a Sheets locale ("en_NZ" writes 16/11/2026). */
export function dateOrderOfLocale(locale: string | undefined): DateOrder | undefined {
  if (!locale) return undefined;
  if (MONTH_FIRST.test(locale)) return 'mdy';
  if (YEAR_FIRST.test(locale)) return 'ymd';
  return 'dmy';
}

export interface InputContext {
  /** Each referenced type's ids and names, as on the Lists tab; a type without a list is sent as typed. */
  lists: ReadonlyMap<string, readonly Named[]>;
  dateOrder?: DateOrder;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ID_LIKE = /^[a-z0-9][a-z0-9_-]*$/;

export type Resolved = { value: unknown } | { problem: string };

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function spelled(day: number, month: number, year: number): string {
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A date typed with slashes, read in the spreadsheet's date order. */
export function resolveDate(typed: string, order: DateOrder | undefined): Resolved {
  const match = SLASHED.exec(typed.trim());
  if (!match || order === undefined || order === 'ymd') return { value: typed };
  const [a, b, y] = [Number(match[1]), Number(match[2]), match[3]!];
  if (y.length === 2)
    return {
      problem: `"${typed}": write the year in full, like ${order === 'dmy' ? '16/11/2026' : '11/16/2026'} or 2026-11-16`,
    };
  const year = Number(y);
  const dayFirst = iso(year, b, a);
  const monthFirst = iso(year, a, b);
  if (order === 'dmy') {
    if (dayFirst) return { value: dayFirst };
    return {
      problem: monthFirst
        ? `"${typed}" is not a day/month/year date (there is no month ${b}); if you meant ${spelled(b, a, year)}, type ${monthFirst}`
        : `"${typed}" is not a real date; type it as year-month-day, like 2026-11-16`,
    };
  }
  if (dayFirst && monthFirst && dayFirst !== monthFirst)
    return {
      problem: `"${typed}" could be ${spelled(a, b, year)} or ${spelled(b, a, year)} (this spreadsheet's locale writes the month first); type ${dayFirst} or ${monthFirst}`,
    };
  const only = monthFirst ?? dayFirst;
  return only
    ? { value: only }
    : { problem: `"${typed}" is not a real date; type it as year-month-day, like 2026-11-16` };
}

/** A reference typed as an id or a name. */
function resolveReference(
  typed: string,
  field: FieldDescription,
  list: readonly Named[] | undefined,
): Resolved {
  if (!field.refType) return { value: typed.trim() };
  return resolveName(typed, field.refType, list);
}

/**
 * A record typed by its id or its name ("Jane Smith", "Christchurch"), as an id, using the Lists
 * tab's ids and names; without a list the text is taken as it is.
 */
export function resolveName(typed: string, refType: string, list: readonly Named[] | undefined): Resolved {
  const text = typed.trim();
  if (!list || list.some((item) => item.id === text)) return { value: text };
  const matches = namesMatching(text, list);
  if (matches.length === 1) return { value: matches[0]!.id };
  if (matches.length > 1)
    return {
      problem: `"${text}" could be more than one ${refType}: ${matches.map((m) => `${m.name} (${m.id})`).join(', ')}; type the id instead`,
    };
  if (ID_LIKE.test(text)) return { value: text };
  return {
    problem: `"${text}" is neither the id nor the name of a ${refType} on the Lists tab; choose one from the list (run "Set up / repair tabs" to refresh the lists if it is new)`,
  };
}

/** Rows repeat the same few names: each distinct value of a field is resolved once per push. */
type Memo = Map<string, Resolved>;

function remembered(memo: Memo, key: string, resolve: () => Resolved): Resolved {
  let found = memo.get(key);
  if (!found) {
    found = resolve();
    memo.set(key, found);
  }
  return found;
}

function resolveField(field: FieldDescription, value: unknown, context: InputContext, memo: Memo): Resolved {
  const key = (text: string) => `${field.name}\u0000${text}`;
  if (field.kind === 'date' && typeof value === 'string')
    return remembered(memo, key(value), () => resolveDate(value, context.dateOrder));
  const list = field.refType ? context.lists.get(field.refType) : undefined;
  const reference = (text: string) => remembered(memo, key(text), () => resolveReference(text, field, list));
  if (field.kind === 'reference' && typeof value === 'string') return reference(value);
  if (field.kind === 'references' && Array.isArray(value)) {
    const parts = value.map((part) => reference(String(part)));
    const problem = parts.find((p): p is { problem: string } => 'problem' in p);
    return problem ?? { value: parts.map((p) => (p as { value: unknown }).value) };
  }
  return { value };
}

/**
 * Resolves the rows' values in place and returns, per row, the fields that could not be
 * resolved, in words for the cell's note. Rows pushed before already hold ids and ISO dates, so
 * they resolve to themselves and do not look edited.
 */
export function resolveInput(
  rows: readonly SheetRow[],
  type: TypeDescription,
  context: InputContext,
): Map<number, FieldError[]> {
  const problems = new Map<number, FieldError[]>();
  const memo: Memo = new Map();
  const fields = type.fields.filter(
    (f) => !f.derived && (f.kind === 'date' || f.kind === 'reference' || f.kind === 'references'),
  );
  for (const row of rows) {
    if (!row.hasContent || isDeleted(row)) continue;
    for (const field of fields) {
      const value = row.values[field.name];
      if (value === undefined) continue;
      const resolved = resolveField(field, value, context, memo);
      if ('value' in resolved) row.values[field.name] = resolved.value;
      else {
        const errors = problems.get(row.index) ?? [];
        errors.push({ field: field.name, message: resolved.problem, received: value });
        problems.set(row.index, errors);
      }
    }
  }
  return problems;
}
