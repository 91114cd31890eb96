import type { FieldDescription, TypeDescription } from './catalogue.ts';
import { formatForKind, INTEGER_FORMAT, TEXT_FORMAT } from './cell-values.ts';
import { type ColumnMapping, foldHeader } from './header-matching.ts';

/**
 * Columns are found by their header, never by position: people reorder columns and add their
 * own, and the add-on must keep working and never touch what it does not own.
 */

export type SystemColumn = 'id' | 'status' | 'version' | 'synced';

/** Headers of the columns the add-on keeps for itself, with the note each header carries. */
export const SYSTEM_COLUMNS: Record<SystemColumn, { header: string; help: string; format: string }> = {
  id: {
    header: 'Id',
    help: 'The record id. Set by the add-on for new rows; do not change it (it is how a row finds its record, wherever the row moves).',
    format: TEXT_FORMAT,
  },
  status: {
    header: 'Sync status',
    help: 'What happened to this row in the last pull or push. Notes on cells explain any problem.',
    format: TEXT_FORMAT,
  },
  version: {
    header: 'Version',
    help: 'The record version this row was last synced with. Used to detect changes made by someone else.',
    format: INTEGER_FORMAT,
  },
  synced: {
    header: 'Last synced values',
    help: 'The values as last synced with the server (hidden; used to find edited rows and to undo a push).',
    format: TEXT_FORMAT,
  },
};

/** Where each known column is in a tab; indices are 0-based column positions. */
export interface ColumnMap {
  system: Partial<Record<SystemColumn, number>>;
  fields: { field: FieldDescription; index: number }[];
  /** Headers of the add-on's columns that the tab lacks (set-up adds them). */
  missing: string[];
  /**
   * Headers that more than one column carries, each of which could be a field's (a team's own
   * "Summary" beside the add-on's): neither is taken until one is renamed or the tab is adopted.
   */
  ambiguous: string[];
}

function normalise(header: unknown): string {
  return String(header ?? '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The header of a field's column. */
function headerForField(field: FieldDescription): string {
  return field.title;
}

/** The column headers of a new tab, in the order set-up lays them out. */
export function defaultHeaders(type: TypeDescription): string[] {
  return [
    SYSTEM_COLUMNS.id.header,
    SYSTEM_COLUMNS.status.header,
    ...type.fields.map(headerForField),
    SYSTEM_COLUMNS.version.header,
    SYSTEM_COLUMNS.synced.header,
  ];
}

/** How an adopted tab's mapping names a system column (fields are named by their API name). */
export function systemTarget(column: SystemColumn): string {
  return `@${column}`;
}

/**
 * Maps a header row to the add-on's columns: by the field each column is tagged with first
 * (`tagged`, by 0-based index: set-up tags every field column, and the tag follows the column
 * whatever its header says), then by an adopted tab's stored mapping, then by title, or by the
 * field's API name as a fallback. In a tab with tags, a field is found only by its tag or the
 * stored mapping: a column headed like a field is the team's until they say otherwise (by
 * adopting the tab). Without tags (a tab set up before them) the first column with a header
 * wins; duplicates, unknown headers and headers the team kept as their own are theirs.
 */
export function mapColumns(
  headers: readonly unknown[],
  type: TypeDescription,
  mapping?: ColumnMapping,
  tagged: ReadonlyMap<number, string> = new Map(),
): ColumnMap {
  const own = new Set(mapping?.own ?? []);
  const mapped = new Map<string, number>();
  const positions = new Map<string, number>();
  const repeated = new Set<string>();
  const byTagOnly = [...tagged.values()].some((name) => type.fields.some((f) => f.name === name));
  headers.forEach((header, index) => {
    const tag = tagged.get(index);
    if (tag !== undefined && type.fields.some((f) => f.name === tag)) {
      if (!mapped.has(tag)) mapped.set(tag, index);
      return;
    }
    const folded = foldHeader(header);
    const target = mapping?.fields[folded];
    if (target !== undefined) {
      if (!mapped.has(target)) mapped.set(target, index);
      return;
    }
    const key = normalise(header);
    if (!key || own.has(folded)) return;
    if (positions.has(key)) repeated.add(key);
    else positions.set(key, index);
  });
  const take = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const index = positions.get(normalise(key));
      if (index !== undefined) {
        positions.delete(normalise(key));
        return index;
      }
    }
    return undefined;
  };
  const system: ColumnMap['system'] = {};
  const missing: string[] = [];
  for (const [name, column] of Object.entries(SYSTEM_COLUMNS) as [
    SystemColumn,
    (typeof SYSTEM_COLUMNS)[SystemColumn],
  ][]) {
    const index = mapped.get(systemTarget(name)) ?? take(column.header);
    if (index === undefined) missing.push(column.header);
    else system[name] = index;
  }
  const fields: ColumnMap['fields'] = [];
  const ambiguous: string[] = [];
  for (const field of type.fields) {
    const stored = mapped.get(field.name);
    const twice = byTagOnly
      ? undefined
      : [headerForField(field), field.name].find((h) => repeated.has(normalise(h)));
    if (stored === undefined && twice !== undefined) {
      ambiguous.push(String(headers[positions.get(normalise(twice))!] ?? twice).trim());
      continue;
    }
    const index = stored ?? (byTagOnly ? undefined : take(headerForField(field), field.name));
    if (index === undefined) missing.push(headerForField(field));
    else fields.push({ field, index });
  }
  return { system, fields, missing, ambiguous };
}

/** Every column index the add-on owns, sorted. */
export function ownedColumns(map: ColumnMap): number[] {
  return [...Object.values(map.system), ...map.fields.map((f) => f.index)].sort((a, b) => a - b);
}

/** Groups sorted column indices into contiguous runs, so each run is written with one range call. */
export function contiguousRuns(indices: readonly number[]): { start: number; count: number }[] {
  const runs: { start: number; count: number }[] = [];
  for (const index of indices) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === index) last.count++;
    else runs.push({ start: index, count: 1 });
  }
  return runs;
}

/** The number format of each owned column, by index. */
export function columnFormats(map: ColumnMap): Map<number, string> {
  const formats = new Map<number, string>();
  for (const [name, index] of Object.entries(map.system) as [SystemColumn, number][]) {
    formats.set(index, SYSTEM_COLUMNS[name].format);
  }
  for (const { field, index } of map.fields) formats.set(index, formatForKind(field.kind));
  return formats;
}

/** Columns a person should not type into: system columns and fields the server derives. */
export function readOnlyColumns(map: ColumnMap): number[] {
  return [
    ...Object.values(map.system),
    ...map.fields.filter((f) => f.field.derived).map((f) => f.index),
  ].sort((a, b) => a - b);
}
