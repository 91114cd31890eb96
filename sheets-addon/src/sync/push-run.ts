import type { TypeDescription } from '../sheet/catalogue.ts';
import { type ColumnMap, SYSTEM_COLUMNS } from '../sheet/columns.ts';
import { resolveInput } from '../sheet/input-resolution.ts';
import { describeCounts, emptyCounts, type PushCounts } from '../sheet/push-outcomes.ts';
import { planPush } from '../sheet/push-plan.ts';
import { readRows } from '../sheet/row-state.ts';
import { emptyChanges } from '../sheet/tab-writes.ts';
import { undoRows } from '../sheet/undo-log.ts';
import type { Environment, Workbook } from './ports.ts';
import { type Problem, sendRows, type TabToSend, writeTab } from './send-rows.ts';
import { SyncRun } from './sync-run.ts';
import { UserFacingError } from './user-facing-error.ts';

/** Rows chosen by hand (push selected rows): a tab and its 0-based data rows. */
export interface PushScope {
  type: string;
  rows: number[];
}

export interface PushReport {
  dryRun: boolean;
  /** "Activities: 12 new, 30 changed, 2 with errors". */
  summary: string;
  counts: PushCounts;
  perTab: { type: string; label: string; counts: PushCounts }[];
  problems: Problem[];
  requests: number;
  complete: boolean;
  nothingToPush: boolean;
}

/** Refuses to work on a tab whose columns are missing: pushing it would drop those fields' values. */
export function requireColumns(type: TypeDescription, name: string, map: ColumnMap, forPush: boolean): void {
  const needed = forPush
    ? map.missing.filter((header) => !type.fields.some((f) => f.derived && f.title === header))
    : map.missing.filter((header) => Object.values(SYSTEM_COLUMNS).some((c) => c.header === header));
  if (needed.length > 0) {
    throw new UserFacingError(
      `The tab "${name}" is missing the column${needed.length > 1 ? 's' : ''} ${needed.map((h) => `"${h}"`).join(', ')}. Run "Set up / repair tabs" to add ${needed.length > 1 ? 'them' : 'it'} back (or restore the header if it was renamed).`,
    );
  }
}

/** Reads the tabs and sends their new and edited rows: a preview with `dryRun`, for real without. */
export function runPush(
  env: Environment,
  workbook: Workbook,
  options: { dryRun: boolean; scope?: PushScope },
): PushReport {
  const action = options.dryRun ? 'push preview' : options.scope ? 'push selected rows' : 'push';
  return SyncRun.run(env, workbook, action, (run) => {
    const types = run.types(options.scope ? [options.scope.type] : undefined);
    const onlyRows = options.scope ? new Set(options.scope.rows) : undefined;
    const tabs: TabToSend[] = [];
    // Rows refused before sending (a copied Id, say) count as errors like the server's.
    const refused: Problem[] = [];
    let lists: ReturnType<Workbook['referenceLists']> | undefined;
    for (const type of types) {
      const tab = workbook.tab(type);
      if (!tab)
        throw new UserFacingError(
          `There is no tab for ${type.pluralLabel}. Run "Set up / repair tabs" first.`,
        );
      const { snapshot, map } = tab.read();
      requireColumns(type, tab.name, map, true);
      const rows = readRows(snapshot.rows, map, env.readDate);
      // Names typed for references and day/month/year dates become ids and ISO dates first.
      const hasReferences = type.fields.some((f) => f.refType && !f.derived);
      lists ??= hasReferences ? workbook.referenceLists() : undefined;
      const inputProblems = resolveInput(rows, type, { lists: lists ?? new Map(), dateOrder: env.dateOrder });
      const plan = planPush(rows, map, type, { onlyRows, newId: () => env.uuid(), inputProblems });
      const item: TabToSend = { type, tab, snapshot, map, candidates: plan.candidates };
      // New ids reach the sheet before anything is sent, so a retried push reuses them.
      const changes = emptyChanges();
      for (const [index, id] of plan.newIds) {
        changes.updates.set(index, {
          cells: new Map([[map.system.id!, id]]),
          notes: new Map(),
          backgrounds: new Map(),
        });
      }
      for (const [index, update] of plan.refused) changes.updates.set(index, update);
      for (const [index, reason] of plan.reasons) {
        refused.push({ tab: type.pluralLabel, row: index + 2, status: 'invalid', message: reason });
      }
      writeTab(item, changes);
      tabs.push(item);
    }
    workbook.flush();

    const sending = tabs.filter((t) => t.candidates.length > 0);
    if (sending.length === 0) {
      const report: PushReport = {
        dryRun: options.dryRun,
        summary: refused.length
          ? `Nothing to push until ${refused.length === 1 ? 'a row is' : `${refused.length} rows are`} fixed: see the notes on the highlighted cells.`
          : 'Nothing to push: no row is new or changed since the last sync.',
        counts: { ...emptyCounts(), errors: refused.length },
        perTab: [],
        problems: refused,
        requests: 0,
        complete: true,
        nothingToPush: refused.length === 0,
      };
      return { result: report, ok: true, details: report.summary };
    }
    const sent = sendRows(run, sending, options.dryRun);
    sent.counts.errors += refused.length;
    for (const problem of refused) {
      const tab = sent.perTab.find((t) => t.label === problem.tab);
      if (tab) tab.counts.errors++;
    }
    if (!options.dryRun && sent.undo.length > 0)
      workbook.undo.write(undoRows(sent.undo, env.formatTime(env.now())));
    const summary = [
      ...sent.perTab.map((t) => `${t.label}: ${describeCounts(t.counts)}`),
      ...(sent.stoppedBecause ? [`Not finished: ${sent.stoppedBecause}`] : []),
    ].join('. ');
    const report: PushReport = {
      dryRun: options.dryRun,
      summary,
      counts: sent.counts,
      perTab: sent.perTab,
      problems: [...refused, ...sent.problems],
      requests: run.api.requests,
      complete: sent.complete,
      nothingToPush: false,
    };
    return { result: report, ok: sent.complete, details: summary };
  });
}
