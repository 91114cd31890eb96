import type { Named } from '../../../data/name-matching.ts';
import type { TypeDescription } from '../sheet/catalogue.ts';
import type { DateReader } from '../sheet/cell-values.ts';
import type { ColumnMap } from '../sheet/columns.ts';
import type { DateOrder } from '../sheet/input-resolution.ts';
import type { TabSnapshot, WritePlan } from '../sheet/tab-writes.ts';
import type { Http } from './api-client.ts';
import type { KeyValueStore } from './settings.ts';

/**
 * What the sync runs need from Apps Script, as small interfaces. The glue in `apps-script/`
 * implements them with SpreadsheetApp, UrlFetchApp, PropertiesService and friends; the runs
 * themselves never touch an Apps Script global.
 */

/** One record type's tab. */
export interface TabPort {
  readonly name: string;
  /** One read of the whole tab: values, formulas, notes and highlights. */
  read(): { snapshot: TabSnapshot; map: ColumnMap };
  /** Carries out a write plan: its block writes, after adding (and formatting) rows when needed. */
  write(plan: WritePlan, map: ColumnMap): void;
}

/** A plain table tab the add-on keeps (sync log, conflicts, undo): header row plus data rows. */
export interface TablePort {
  read(): unknown[][];
  /** Replaces the data rows. */
  write(rows: unknown[][]): void;
}

export interface Workbook {
  /** The tab of a record type, or undefined when set-up has not made it yet. */
  tab(type: TypeDescription): TabPort | undefined;
  /**
   * The record type of the active tab and its selected data rows (0-based), if it is one of
   * ours. Only rows that show count: rows a filter or a person hid are left out (`hidden` says
   * how many), so an action never reaches a record nobody could see.
   */
  selection(
    types: readonly TypeDescription[],
  ): { type: TypeDescription; rows: Set<number>; hidden: number } | undefined;
  log: TablePort;
  conflicts: TablePort;
  undo: TablePort;
  /** Each referenced type's ids and names from the Lists tab (one read), for names typed in cells. */
  referenceLists(): ReadonlyMap<string, readonly Named[]>;
  /** Makes pending writes visible before a long request (SpreadsheetApp.flush). */
  flush(): void;
}

export interface Environment {
  http: Http;
  documentStore: KeyValueStore;
  /** The signed-in user's Google identity token (ScriptApp.getIdentityToken). */
  token(): string;
  /** The signed-in user's email, for the sync log. */
  user(): string;
  uuid(): string;
  now(): Date;
  /** A date-time in the spreadsheet's time zone, for logs and notes. */
  formatTime(date: Date): string;
  readDate: DateReader;
  /** How the spreadsheet's locale writes dates, for dates typed as text like 16/11/2026. */
  dateOrder?: DateOrder;
  /**
   * Runs `work` holding the document lock, so two people's syncs on one file never interleave;
   * throws a plain-words error when another sync holds it.
   */
  withLock<T>(work: () => T): T;
  /** Milliseconds a run may take before it stops and leaves the rest for the next run. */
  timeBudgetMs: number;
  /**
   * Milliseconds after which a run writes nothing more to its tabs, only its Sync log line:
   * Apps Script ends an execution at six minutes without a word, so a tab write begun too late
   * would leave no log line at all.
   */
  writeDeadlineMs: number;
}
