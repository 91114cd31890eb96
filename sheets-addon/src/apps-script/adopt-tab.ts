import type { TypeDescription } from '../sheet/catalogue.ts';
import { isDate, toCell } from '../sheet/cell-values.ts';
import { mapColumns, SYSTEM_COLUMNS, type SystemColumn, systemTarget } from '../sheet/columns.ts';
import {
  type ColumnMapping,
  foldHeader,
  type HeaderMatch,
  mappingFromChoices,
  proposeMatches,
} from '../sheet/header-matching.ts';
import type { Environment, Workbook } from '../sync/ports.ts';
import { SyncRun } from '../sync/sync-run.ts';
import { UserFacingError } from '../sync/user-facing-error.ts';
import { LISTS_TAB } from './column-rules.ts';
import { activeSpreadsheet } from './environment.ts';
import { fetchLists, setUpTab, writeLists } from './tab-setup.ts';
import {
  COLUMNS_METADATA_KEY,
  columnMapping,
  findTypeSheet,
  TAB_NAMES,
  TYPE_METADATA_KEY,
} from './workbook.ts';

/**
 * Adopting a tab a team already keeps ("Date, Council, Hours, Notes"): the person confirms which
 * of its headers is which field; the mapping is stored on the tab (developer metadata), the
 * add-on's own columns are added at the right, and the existing rows become new records on the
 * first push, with the usual preview. Their headers, rows and own columns stay as they are.
 */

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const OUR_TABS = new Set<string>([...Object.values(TAB_NAMES), LISTS_TAB]);
const SAMPLE_ROWS = 20;

export interface AdoptableTab {
  name: string;
  headers: string[];
  rows: number;
}

export interface AdoptionProposal {
  tab: string;
  type: string;
  label: string;
  columns: (HeaderMatch & { sample: string })[];
  fields: { name: string; title: string; required: boolean; kind: string }[];
}

export interface AdoptionRequest {
  tab: string;
  type: string;
  /** Column position (0-based) → field name; '' or absent keeps the column as the team's own. */
  choices: Record<number, string>;
  /** Field name → a value for every existing row, for fields the tab has no column for. */
  fill?: Record<string, string>;
}

export interface AdoptionReport {
  summary: string;
  rows: number;
  added: string[];
}

function isOurs(sheet: Sheet): boolean {
  return (
    OUR_TABS.has(sheet.getName()) ||
    sheet.getDeveloperMetadata().some((m) => m.getKey() === TYPE_METADATA_KEY)
  );
}

function headerRow(sheet: Sheet): string[] {
  const width = sheet.getLastColumn();
  return width > 0
    ? (sheet.getRange(1, 1, 1, width).getValues()[0] ?? []).map((h) => String(h ?? '').trim())
    : [];
}

function requireTab(name: string): Sheet {
  const sheet = activeSpreadsheet().getSheetByName(name);
  if (!sheet) throw new UserFacingError(`There is no tab "${name}" any more. Choose the tab again.`);
  if (isOurs(sheet))
    throw new UserFacingError(`"${name}" is already kept by Partnership Records; there is nothing to adopt.`);
  if (sheet.getLastColumn() === 0)
    throw new UserFacingError(
      `"${name}" is empty: put your headers in its first row, or let "Set up / repair tabs" make the tab.`,
    );
  return sheet;
}

/** The spreadsheet's tabs that could be adopted: not the add-on's own, not empty. */
export function adoptableTabs(): AdoptableTab[] {
  return activeSpreadsheet()
    .getSheets()
    .filter((sheet) => !isOurs(sheet) && sheet.getLastColumn() > 0)
    .map((sheet) => ({
      name: sheet.getName(),
      headers: headerRow(sheet),
      rows: Math.max(0, sheet.getLastRow() - 1),
    }));
}

function typeFromApi(run: SyncRun, name: string): TypeDescription {
  const all = run.api.types();
  const type = all.find((t) => t.type === name || t.path === name);
  if (!type) throw new UserFacingError(`The API has no record type "${name}".`);
  return type;
}

/** Each header with the field proposed for it and a sample of what the tab holds there. */
export function proposeAdoption(
  env: Environment,
  workbook: Workbook,
  tab: string,
  typeName: string,
): AdoptionProposal {
  const sheet = requireTab(tab);
  const run = new SyncRun(env, workbook, 'adopt tab');
  const type = typeFromApi(run, typeName);
  const headers = headerRow(sheet);
  const rows = Math.min(SAMPLE_ROWS, sheet.getLastRow() - 1);
  const shown = (cell: unknown) => (isDate(cell) ? env.readDate(cell) : String(cell ?? ''));
  const samples =
    rows > 0
      ? sheet
          .getRange(2, 1, rows, headers.length)
          .getValues()
          .map((r) => r.map(shown))
      : [];
  return {
    tab,
    type: type.type,
    label: type.pluralLabel,
    columns: proposeMatches(headers, type).map((m) => ({
      ...m,
      sample: samples.map((r) => r[m.index] ?? '').find((v) => v !== '') ?? '',
    })),
    fields: type.fields
      .filter((f) => !f.derived)
      .map((f) => ({ name: f.name, title: f.title, required: f.required, kind: f.kind })),
  };
}

/** The header an added column gets: its usual one, unless the team already uses that header. */
function addedHeader(usual: string, taken: Set<string>): string {
  const header = taken.has(foldHeader(usual)) ? `${usual} (Partnership Records)` : usual;
  taken.add(foldHeader(header));
  return header;
}

/** Adds the add-on's missing columns at the right of the tab, naming them so they never clash with the team's. */
function addMissingColumns(
  sheet: Sheet,
  headers: string[],
  type: TypeDescription,
  mapping: ColumnMapping,
): string[] {
  const map = mapColumns(headers, type, mapping);
  const taken = new Set(headers.map(foldHeader).filter(Boolean));
  const systemByHeader = new Map(
    (Object.entries(SYSTEM_COLUMNS) as [SystemColumn, { header: string }][]).map(([name, c]) => [
      c.header,
      name,
    ]),
  );
  const added = map.missing.map((usual) => {
    const header = addedHeader(usual, taken);
    const system = systemByHeader.get(usual);
    const target = system ? systemTarget(system) : type.fields.find((f) => f.title === usual)!.name;
    mapping.fields[foldHeader(header)] = target;
    return header;
  });
  if (added.length === 0) return added;
  const start = sheet.getLastColumn();
  if (start + added.length > sheet.getMaxColumns())
    sheet.insertColumnsAfter(sheet.getMaxColumns(), start + added.length - sheet.getMaxColumns());
  sheet.getRange(1, start + 1, 1, added.length).setValues([added]);
  return added;
}

/** Writes the person's value for a field into every row that has something in the team's columns. */
function fillColumns(
  sheet: Sheet,
  teamWidth: number,
  type: TypeDescription,
  fill: Record<string, string>,
): void {
  const rows = sheet.getLastRow() - 1;
  const wanted = Object.entries(fill).filter(([, value]) => String(value ?? '').trim() !== '');
  if (rows <= 0 || wanted.length === 0) return;
  const headers = headerRow(sheet);
  const map = mapColumns(headers, type, columnMapping(sheet));
  const hasContent = sheet
    .getRange(2, 1, rows, teamWidth)
    .getValues()
    .map((row) => row.some((cell) => cell !== '' && cell !== null));
  for (const [name, value] of wanted) {
    const column = map.fields.find((f) => f.field.name === name);
    if (!column || column.index < teamWidth) continue;
    const cell = toCell(column.field, String(value).trim());
    sheet.getRange(2, column.index + 1, rows, 1).setValues(hasContent.map((has) => [has ? cell : '']));
  }
}

/** Adopts the tab as the person confirmed it. */
export function adoptTab(env: Environment, workbook: Workbook, request: AdoptionRequest): AdoptionReport {
  return SyncRun.run(env, workbook, 'adopt tab', (run) => {
    const spreadsheet = activeSpreadsheet();
    const sheet = requireTab(request.tab);
    const all = run.api.types();
    const type = all.find((t) => t.type === request.type);
    if (!type) throw new UserFacingError(`The API has no record type "${request.type}".`);
    const existing = findTypeSheet(spreadsheet, type);
    if (existing && existing.getName() !== request.tab)
      throw new UserFacingError(
        `This spreadsheet already keeps ${type.pluralLabel} in the tab "${existing.getName()}". A spreadsheet has one tab per record type: adopt "${request.tab}" in another spreadsheet, or move its rows into "${existing.getName()}".`,
      );
    const headers = headerRow(sheet);
    const { mapping, problems } = mappingFromChoices(headers, request.choices, type);
    if (problems.length > 0) throw new UserFacingError(problems.join(' '));
    // Everything the API has to say first, so that a failure leaves the tab untouched.
    const types = run.settings.types.includes(type.type)
      ? run.settings.types
      : [...run.settings.types, type.type];
    const lists = fetchLists(
      run,
      all,
      all.filter((t) => types.includes(t.type)),
    );
    const unfilled = type.fields.filter(
      (f) =>
        f.required &&
        !f.derived &&
        f.kind !== 'boolean' &&
        !Object.values(mapping.fields).includes(f.name) &&
        !String(request.fill?.[f.name] ?? '').trim(),
    );

    const added = addMissingColumns(sheet, headers, type, mapping);
    sheet.addDeveloperMetadata(COLUMNS_METADATA_KEY, JSON.stringify(mapping));
    sheet.addDeveloperMetadata(TYPE_METADATA_KEY, type.type);
    fillColumns(sheet, headers.length, type, request.fill ?? {});
    writeLists(spreadsheet, lists.refTypes, lists.lists);
    setUpTab(spreadsheet, type);
    run.state.saveSettings({ ...run.settings, types });
    run.state.saveType(type);
    run.state.forgetCursor(type.type);

    const rows = Math.max(0, sheet.getLastRow() - 1);
    const summary = [
      `Adopted "${request.tab}" as ${type.pluralLabel}: ${Object.keys(mapping.fields).length - added.length} of your columns matched, added ${added.join(', ')}.`,
      `Its ${rows} rows become new records on your first push (Push changes… shows a preview first).`,
      ...(unfilled.length
        ? [
            `Fill in ${unfilled.map((f) => f.title).join(', ')} before pushing: ${unfilled.length === 1 ? 'it is' : 'they are'} required.`,
          ]
        : []),
    ].join(' ');
    return { result: { summary, rows, added }, ok: true, details: summary };
  });
}
