import type { RowOutcome, TypeDescription } from '../sheet/catalogue.ts';
import type { CellValue, DateReader } from '../sheet/cell-values.ts';
import type { ColumnMap } from '../sheet/columns.ts';
import { withNewConflicts } from '../sheet/conflicts.ts';
import {
  addCounts,
  type ConflictEntry,
  emptyCounts,
  type PushCounts,
  renderOutcome,
  requestFailedUpdate,
  type UndoEntry,
} from '../sheet/push-outcomes.ts';
import { chunkRows, type PushCandidate } from '../sheet/push-plan.ts';
import { statusUpdate } from '../sheet/row-render.ts';
import {
  absorbWrites,
  COLOURS,
  emptyChanges,
  planWrites,
  type RowUpdate,
  sameCell,
  type TabChanges,
  type TabSnapshot,
  type WritableCell,
} from '../sheet/tab-writes.ts';
import { ApiError, NetworkError } from './api-client.ts';
import type { TabPort } from './ports.ts';
import type { SyncRun } from './sync-run.ts';

/** This many push requests (each of at most the API's row limit) go out at once with fetchAll. */
const PARALLEL_REQUESTS = 10;

/** A tab read for sending, with the rows chosen to go. */
export interface TabToSend extends WritableTab {
  type: TypeDescription;
  tab: TabPort;
  snapshot: TabSnapshot;
  /** Where the add-on's columns are; a re-read before writing may find them moved. */
  map: ColumnMap;
  candidates: PushCandidate[];
}

/** A row the person should look at, for the sidebar's list. */
export interface Problem {
  tab: string;
  row: number;
  status: string;
  message: string;
}

export interface SendReport {
  counts: PushCounts;
  perTab: { type: string; label: string; counts: PushCounts }[];
  conflicts: { type: TypeDescription; entry: ConflictEntry }[];
  undo: UndoEntry[];
  problems: Problem[];
  /** Each sent row's outcome, by record type and sheet row. */
  outcomes: { type: string; rowIndex: number; id?: string; status: RowOutcome['status'] }[];
  /** False when the run stopped early (time limit or network failure); the rest goes next time. */
  complete: boolean;
  /** Why it stopped early, in words. */
  stoppedBecause?: string;
}

const PROBLEM_LIST_LIMIT = 50;

function problemText(outcome: RowOutcome, type: TypeDescription): string {
  if (outcome.errors?.length) {
    return outcome.errors
      .map(
        (e) => `${type.fields.find((f) => f.name === e.field.split('.')[0])?.title ?? e.field}: ${e.message}`,
      )
      .join('; ');
  }
  return outcome.message ?? outcome.status;
}

/** How a tab is written: dates read as the sheet shows them, and whether to read it again first. */
export interface WriteContext {
  readDate: DateReader;
  /**
   * Read the tab again just before writing (after a wait for the server): rows are found by
   * their Id wherever they moved, and a cell someone changed meanwhile keeps their value.
   */
  reread?: boolean;
}

/** A tab being written in a run: what was read, and where its first read's rows are now. */
export interface WritableTab {
  tab: TabPort;
  snapshot: TabSnapshot;
  map: ColumnMap;
  /** Each row's Id at the first read (by its index then), once the tab has been read again. */
  rowIds?: string[];
  /** Where each row of the first read now is in `snapshot`, once the tab has been read again. */
  positions?: number[];
}

/** Writes one tab's changes and keeps its snapshot current for the next batch. */
export function writeTab(item: WritableTab, changes: TabChanges, context: WriteContext): void {
  if (changes.updates.size === 0 && changes.appends.length === 0) return;
  let next = changes;
  if (context.reread) {
    const fresh = item.tab.read();
    // Changes name rows by where they were at the first read; a re-read may find them elsewhere.
    item.rowIds ??= item.snapshot.rows.map((cells) =>
      item.map.system.id === undefined ? '' : String(cells[item.map.system.id] ?? ''),
    );
    item.positions ??= item.snapshot.rows.map((_, i) => i);
    next = reconcile(item as Required<typeof item>, fresh.snapshot, fresh.map, changes);
    Object.assign(item.snapshot, fresh.snapshot);
    item.map = fresh.map;
  }
  const plan = planWrites(item.snapshot, item.map, next, context.readDate);
  item.tab.write(plan, item.map);
  absorbWrites(item.snapshot, plan);
}

const EDITED_MEANWHILE =
  'edited while the push ran: the new value is kept (the server has what was pushed); push again to send it';

/**
 * Moves changes planned on an older read onto a fresh one: each row by its Id, each column by
 * what it holds, and a field cell that changed between the two reads is left as it now is.
 */
function reconcile(
  item: Required<WritableTab>,
  now: TabSnapshot,
  nowMap: ColumnMap,
  changes: TabChanges,
): TabChanges {
  const before = item.snapshot;
  const beforeMap = item.map;
  const column = new Map<number, number>();
  for (const [name, index] of Object.entries(beforeMap.system)) {
    const moved = nowMap.system[name as keyof ColumnMap['system']];
    if (moved !== undefined) column.set(index, moved);
  }
  for (const { field, index } of beforeMap.fields) {
    const moved = nowMap.fields.find((f) => f.field.name === field.name)?.index;
    if (moved !== undefined) column.set(index, moved);
  }
  const fieldColumns = new Set(beforeMap.fields.map((f) => f.index));
  const idNow = nowMap.system.id;
  const rowById = new Map<string, number>();
  if (idNow !== undefined)
    now.rows.forEach((cells, index) => {
      const id = String(cells[idNow] ?? '');
      if (id && !rowById.has(id)) rowById.set(id, index);
    });
  const moveKeys = <T>(from: Map<number, T>): Map<number, T> => {
    const out = new Map<number, T>();
    for (const [c, v] of from) {
      const to = column.get(c);
      if (to !== undefined) out.set(to, v);
    }
    return out;
  };
  const updates = new Map<number, RowUpdate>();
  for (const [first, update] of changes.updates) {
    // Where the row was at the last read, and where it is now.
    const r = item.positions[first] ?? first;
    const id = item.rowIds[first] ?? '';
    const target = id ? rowById.get(id) : r;
    // A row deleted meanwhile: the server has the record; the next pull brings it back.
    if (target === undefined) continue;
    const moved: RowUpdate = {
      cells: new Map(),
      notes: moveKeys(update.notes),
      backgrounds: moveKeys(update.backgrounds),
    };
    let edited = false;
    for (const [c, value] of update.cells) {
      const to = column.get(c);
      if (to === undefined) continue;
      const changedMeanwhile =
        fieldColumns.has(c) &&
        (before.formulas[r]?.[c] !== now.formulas[target]?.[to] ||
          !sameCell(writableOf(before.rows[r]?.[c]), now.rows[target]?.[to]));
      if (changedMeanwhile) edited = true;
      else moved.cells.set(to, value);
    }
    const status = nowMap.system.status;
    if (edited && status !== undefined) {
      const said = moved.cells.get(status);
      moved.cells.set(status, `${typeof said === 'string' && said ? `${said}; ` : ''}${EDITED_MEANWHILE}`);
    }
    updates.set(target, moved);
  }
  item.positions = item.rowIds.map((id, i) => (id ? (rowById.get(id) ?? -1) : (item.positions[i] ?? i)));
  return { updates, appends: changes.appends };
}

function writableOf(cell: CellValue): WritableCell {
  return cell === null || cell === undefined ? '' : (cell as WritableCell);
}

/**
 * Sends the chosen rows in requests of up to 500, ten requests at a time, and shows each row's
 * outcome in the sheet after every batch. A network failure marks the batch's rows "not
 * confirmed" (pushing again is safe: the server is idempotent) and stops the run.
 */
export function sendRows(run: SyncRun, tabs: readonly TabToSend[], dryRun: boolean): SendReport {
  const report: SendReport = {
    counts: emptyCounts(),
    perTab: [],
    conflicts: [],
    undo: [],
    problems: [],
    outcomes: [],
    complete: true,
  };
  const tabCounts = tabs.map(() => emptyCounts());
  const requests = tabs.flatMap((item, tabIndex) =>
    chunkRows(item.candidates).map((rows) => ({ tabIndex, rows })),
  );
  const total = requests.reduce((n, r) => n + r.rows.length, 0);
  let done = 0;
  for (let start = 0; start < requests.length; start += PARALLEL_REQUESTS) {
    if (start > 0 && !run.hasTime()) {
      report.complete = false;
      report.stoppedBecause = `stopped before Apps Script's time limit after ${done} of ${total} rows; run it again to send the rest`;
      break;
    }
    const batch = requests.slice(start, start + PARALLEL_REQUESTS);
    const changes = tabs.map(() => emptyChanges());
    let results: ReturnType<typeof run.api.pushChunks> | undefined;
    try {
      results = run.api.pushChunks(
        batch.map((r) => ({ path: tabs[r.tabIndex]!.type.path, rows: r.rows.map((c) => c.request) })),
        dryRun,
      );
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      for (const r of batch) {
        const { map } = tabs[r.tabIndex]!;
        for (const c of r.rows) {
          changes[r.tabIndex]!.updates.set(c.row.index, requestFailedUpdate(map, error.message));
          tabCounts[r.tabIndex]!.failed++;
        }
      }
      report.complete = false;
      report.stoppedBecause = error.message;
    }
    batch.forEach((r, i) => {
      const item = tabs[r.tabIndex]!;
      const result = results?.[i];
      if (!result) return;
      if (result instanceof ApiError) {
        for (const c of r.rows) {
          changes[r.tabIndex]!.updates.set(
            c.row.index,
            statusUpdate(item.map, 'not sent, see the note', result.message, COLOURS.error),
          );
          tabCounts[r.tabIndex]!.failed++;
        }
        report.problems.push({
          tab: item.type.pluralLabel,
          row: (r.rows[0]?.row.index ?? 0) + 2,
          status: 'not sent',
          message: result.message,
        });
        return;
      }
      result.rows.forEach((outcome) => {
        const candidate = r.rows[outcome.index];
        if (!candidate) return;
        const rendered = renderOutcome(candidate, outcome, item.map, item.type, dryRun);
        changes[r.tabIndex]!.updates.set(candidate.row.index, rendered.update);
        tabCounts[r.tabIndex]![rendered.count]++;
        report.outcomes.push({
          type: item.type.type,
          rowIndex: candidate.row.index,
          id: outcome.id,
          status: outcome.status,
        });
        if (rendered.conflict) report.conflicts.push({ type: item.type, entry: rendered.conflict });
        if (rendered.undo) report.undo.push(rendered.undo);
        if (
          ['errors', 'conflicts', 'forbidden', 'failed'].includes(rendered.count) &&
          report.problems.length < PROBLEM_LIST_LIMIT
        ) {
          report.problems.push({
            tab: item.type.pluralLabel,
            row: candidate.row.index + 2,
            status: outcome.status,
            message: problemText(outcome, item.type),
          });
        }
      });
    });
    // The server took its time; people may have typed meanwhile: read again before writing.
    tabs.forEach((item, tabIndex) => {
      writeTab(item, changes[tabIndex]!, { readDate: run.env.readDate, reread: true });
    });
    done += batch.reduce((n, r) => n + r.rows.length, 0);
    run.progress(done, total, `${dryRun ? 'Checked' : 'Sent'} ${done} of ${total} rows`);
    if (!report.complete) break;
  }
  tabs.forEach((item, i) => {
    addCounts(report.counts, tabCounts[i]!);
    report.perTab.push({ type: item.type.type, label: item.type.pluralLabel, counts: tabCounts[i]! });
  });
  if (report.conflicts.length > 0) {
    run.workbook.conflicts.write(
      withNewConflicts(run.workbook.conflicts.read(), report.conflicts, run.env.formatTime(run.env.now())),
    );
  }
  return report;
}
