import type { RowOutcome, TypeDescription } from '../sheet/catalogue.ts';
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
  type TabChanges,
  type TabSnapshot,
} from '../sheet/tab-writes.ts';
import { ApiError, NetworkError } from './api-client.ts';
import type { TabPort } from './ports.ts';
import type { SyncRun } from './sync-run.ts';

/** This many push requests (each of at most the API's row limit) go out at once with fetchAll. */
const PARALLEL_REQUESTS = 10;

/** A tab read for sending, with the rows chosen to go. */
export interface TabToSend {
  type: TypeDescription;
  tab: TabPort;
  snapshot: TabSnapshot;
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

/** Writes one tab's changes and keeps its snapshot current for the next batch. */
export function writeTab(
  item: { tab: TabPort; snapshot: TabSnapshot; map: ColumnMap },
  changes: TabChanges,
): void {
  if (changes.updates.size === 0 && changes.appends.length === 0) return;
  const plan = planWrites(item.snapshot, item.map, changes);
  item.tab.write(plan, item.map);
  absorbWrites(item.snapshot, plan);
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
    tabs.forEach((item, tabIndex) => {
      writeTab(item, changes[tabIndex]!);
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
