import type { TypeDescription } from '../sheet/catalogue.ts';
import { type ColumnMap, SYSTEM_COLUMNS } from '../sheet/columns.ts';
import { resolveInput } from '../sheet/input-resolution.ts';
import { planToken, type RecordChange, recordChange } from '../sheet/preview-diff.ts';
import { describeCounts, emptyCounts, type PushCounts } from '../sheet/push-outcomes.ts';
import { planPush } from '../sheet/push-plan.ts';
import { describeReordering, findReordering } from '../sheet/reordering.ts';
import { readRows, type SheetRow } from '../sheet/row-state.ts';
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
  /** Each record the push sends, field by field (the first few hundred). */
  changes: RecordChange[];
  changesLeftOut: number;
  /** The preview's plan, for "Push now" to send exactly it (absent when nothing would be sent). */
  planToken?: string;
  /** The sheet no longer gives the previewed plan: nothing was sent; preview again. */
  stale?: boolean;
  requests: number;
  complete: boolean;
  nothingToPush: boolean;
}

/** Refuses to work on a tab whose columns are missing: pushing it would drop those fields' values. */
export function requireColumns(type: TypeDescription, name: string, map: ColumnMap, forPush: boolean): void {
  if (map.ambiguous.length > 0) {
    const headers = map.ambiguous.map((h) => `"${h}"`).join(', ');
    throw new UserFacingError(
      `The tab "${name}" has more than one column headed ${headers}, so the add-on cannot tell which is the field and which is yours; nothing was done. Rename your own column (say "${map.ambiguous[0]} (ours)"), then try again.`,
    );
  }
  const needed = forPush
    ? map.missing.filter((header) => !type.fields.some((f) => f.derived && f.title === header))
    : map.missing.filter((header) => Object.values(SYSTEM_COLUMNS).some((c) => c.header === header));
  if (needed.length > 0) {
    throw new UserFacingError(
      `The tab "${name}" is missing the column${needed.length > 1 ? 's' : ''} ${needed.map((h) => `"${h}"`).join(', ')}. If you renamed ${needed.length > 1 ? 'them' : 'it'}, rename ${needed.length > 1 ? 'them' : 'it'} back; if ${needed.length > 1 ? 'they were' : 'it was'} deleted, "Set up / repair tabs" adds ${needed.length > 1 ? 'them' : 'it'} back, filled with each row's last synced values, so no record loses a value.`,
    );
  }
}

/** Refuses to act on a tab that was sorted or pasted in part: see `sheet/reordering.ts`. */
export function requireOrder(
  name: string,
  rows: readonly SheetRow[],
  map: ColumnMap,
  onlyRows?: ReadonlySet<number>,
): void {
  const found = findReordering(rows, map, onlyRows);
  if (found) throw new UserFacingError(describeReordering(name, found));
}

/** What "Push now" says when there was no preview: nothing is ever sent unseen. */
const PREVIEW_FIRST =
  'Preview the push first (Push changes… in the sidebar): the add-on sends only what a preview has shown you.';

/** How many records the preview lists field by field (the counts cover them all). */
const CHANGES_LISTED = 300;

/**
 * Reads the tabs and sends their new and edited rows: a preview with `dryRun`, for real without.
 * A real push names the preview it follows (`planToken`); if the sheet no longer gives exactly
 * those requests, nothing is sent and the report says so, so that the sidebar previews again.
 */
export function runPush(
  env: Environment,
  workbook: Workbook,
  options: { dryRun: boolean; scope?: PushScope; planToken?: string },
): PushReport {
  const action = options.dryRun ? 'push preview' : options.scope ? 'push selected rows' : 'push';
  return SyncRun.run(env, workbook, action, (run) => {
    const types = run.types(options.scope ? [options.scope.type] : undefined);
    const onlyRows = options.scope ? new Set(options.scope.rows) : undefined;
    const tabs: TabToSend[] = [];
    const pending: { item: TabToSend; changes: ReturnType<typeof emptyChanges> }[] = [];
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
      requireOrder(tab.name, rows, map, onlyRows);
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
      pending.push({ item, changes });
      tabs.push(item);
    }
    const sending = tabs.filter((t) => t.candidates.length > 0);
    const token = planToken(
      sending.map((t) => ({ type: t.type.type, requests: t.candidates.map((c) => c.request) })),
    );
    if (!options.dryRun && sending.length > 0 && !options.planToken) throw new UserFacingError(PREVIEW_FIRST);
    if (!options.dryRun && sending.length > 0 && token !== options.planToken) {
      const summary =
        'The sheet changed since the preview (a cell edited, a row added, or a colleague at work), so nothing was pushed. Check the new preview, then push.';
      const report: PushReport = {
        ...emptyReport(false),
        summary,
        stale: true,
      };
      return { result: report, ok: false, details: summary };
    }
    for (const { item, changes } of pending) writeTab(item, changes, { readDate: env.readDate });
    workbook.flush();

    if (sending.length === 0) {
      const report: PushReport = {
        ...emptyReport(options.dryRun),
        summary: refused.length
          ? `Nothing to push until ${refused.length === 1 ? 'a row is' : `${refused.length} rows are`} fixed: see the notes on the highlighted cells.`
          : 'Nothing to push: no row is new or changed since the last sync.',
        counts: { ...emptyCounts(), errors: refused.length },
        problems: refused,
        nothingToPush: refused.length === 0,
      };
      return { result: report, ok: true, details: report.summary };
    }
    const changes = sending.flatMap((t) => t.candidates.map((c) => recordChange(t.type, c)));
    const sent = sendRows(run, sending, options.dryRun);
    sent.counts.errors += refused.length;
    for (const problem of refused) {
      const tab = sent.perTab.find((t) => t.label === problem.tab);
      if (tab) tab.counts.errors++;
    }
    if (!options.dryRun && sent.undo.length > 0)
      workbook.undo.write(undoRows(sent.undo, env.formatTime(env.now()), env.user()));
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
      changes: changes.slice(0, CHANGES_LISTED),
      changesLeftOut: Math.max(0, changes.length - CHANGES_LISTED),
      planToken: token,
      requests: run.api.requests,
      complete: sent.complete,
      nothingToPush: false,
    };
    return { result: report, ok: sent.complete, details: summary };
  });
}

function emptyReport(dryRun: boolean): PushReport {
  return {
    dryRun,
    summary: '',
    counts: emptyCounts(),
    perTab: [],
    problems: [],
    changes: [],
    changesLeftOut: 0,
    requests: 0,
    complete: true,
    nothingToPush: false,
  };
}
