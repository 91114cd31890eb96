import type { TypeDescription } from '../sheet/catalogue.ts';
import {
  keepMine,
  type ListedConflict,
  readConflicts,
  takeTheirs,
  withResolutions,
} from '../sheet/conflicts.ts';
import { describeCounts } from '../sheet/push-outcomes.ts';
import { type PushCandidate, planDeletes } from '../sheet/push-plan.ts';
import { readRows, type SheetRow } from '../sheet/row-state.ts';
import { emptyChanges } from '../sheet/tab-writes.ts';
import { readUndo, undoRequest, undoRows } from '../sheet/undo-log.ts';
import type { Environment, Workbook } from './ports.ts';
import { requireColumns } from './push-run.ts';
import { type SendReport, sendRows, type TabToSend, writeTab } from './send-rows.ts';
import { SyncRun } from './sync-run.ts';
import { UserFacingError } from './user-facing-error.ts';

/** What a row action did, for the sidebar and the dialog that follows a menu item. */
export interface ActionReport {
  summary: string;
  requests: number;
}

function readTab(run: SyncRun, type: TypeDescription): TabToSend & { rows: SheetRow[] } {
  const tab = run.workbook.tab(type);
  if (!tab)
    throw new UserFacingError(`There is no tab for ${type.pluralLabel}. Run "Set up / repair tabs" first.`);
  const { snapshot, map } = tab.read();
  requireColumns(type, tab.name, map, true);
  return { type, tab, snapshot, map, candidates: [], rows: readRows(snapshot.rows, map, run.env.readDate) };
}

function summarise(report: SendReport, lead: string): string {
  const counts = describeCounts(report.counts);
  return `${lead}: ${counts}${report.stoppedBecause ? `. Not finished: ${report.stoppedBecause}` : ''}`;
}

/** Which open conflicts a resolve applies to: one named record, or the selected rows. */
function chosenConflicts(
  run: SyncRun,
  types: TypeDescription[],
  target?: { type: string; id: string },
): ListedConflict[] {
  const open = readConflicts(run.workbook.conflicts.read()).filter((c) => c.open);
  if (target) {
    const found = open.filter((c) => c.type === target.type && c.id === target.id);
    if (found.length === 0)
      throw new UserFacingError(
        `There is no open conflict for ${target.type} ${target.id}; it may be resolved already.`,
      );
    return found;
  }
  const selection = run.workbook.selection(types);
  if (!selection)
    throw new UserFacingError(
      'Select the rows with a conflict in a record tab first (their status says "conflict").',
    );
  const { rows } = readTab(run, selection.type);
  const ids = new Set(rows.filter((r) => selection.rows.has(r.index) && r.id).map((r) => r.id!));
  const found = open.filter((c) => c.type === selection.type.type && ids.has(c.id));
  if (found.length === 0)
    throw new UserFacingError(
      'None of the selected rows has an open conflict. The Conflicts tab lists the open ones.',
    );
  return found;
}

/**
 * Resolves conflicts row by row. "Take theirs" shows the server's record; "keep mine" sends the
 * row again from the server's current version. Either way the Conflicts tab keeps both sides.
 */
export function resolveConflicts(
  env: Environment,
  workbook: Workbook,
  choice: 'mine' | 'theirs',
  target?: { type: string; id: string },
): ActionReport {
  return SyncRun.run(env, workbook, choice === 'mine' ? 'keep mine' : 'take theirs', (run) => {
    const types = run.types();
    const chosen = chosenConflicts(run, types, target);
    const at = env.formatTime(env.now());
    const resolvedIds = new Map<string, string>();
    const sending: TabToSend[] = [];
    let missing = 0;
    for (const type of types) {
      const entries = chosen.filter((c) => c.type === type.type);
      if (entries.length === 0) continue;
      const item = readTab(run, type);
      const byId = new Map(item.rows.filter((r) => r.id).map((r) => [r.id!, r]));
      const changes = emptyChanges();
      for (const entry of entries) {
        const row = byId.get(entry.id);
        if (!row) {
          missing++;
          continue;
        }
        if (choice === 'theirs') {
          changes.updates.set(row.index, takeTheirs(item.map, entry.current));
          resolvedIds.set(
            `${type.type}#${entry.id}`,
            `took theirs at ${at} by ${env.user()}; your values are in "What differs"`,
          );
        } else {
          item.candidates.push(keepMine(row, entry.current));
        }
      }
      writeTab(item, changes);
      if (item.candidates.length > 0) sending.push(item);
    }
    let summary = choice === 'theirs' ? `Took theirs for ${resolvedIds.size} row(s)` : '';
    if (sending.length > 0) {
      const report = sendRows(run, sending, false);
      for (const o of report.outcomes) {
        if (['updated', 'unchanged', 'created'].includes(o.status) && o.id) {
          resolvedIds.set(
            `${o.type}#${o.id}`,
            `kept mine at ${at} by ${env.user()}; the server's values are in "What differs"`,
          );
        }
      }
      summary = summarise(report, 'Kept mine');
    }
    const fresh = workbook.conflicts.read();
    const resolutions = new Map<number, string>();
    for (const c of readConflicts(fresh)) {
      const words = c.open ? resolvedIds.get(`${c.type}#${c.id}`) : undefined;
      if (words) resolutions.set(c.index, words);
    }
    if (resolutions.size > 0) workbook.conflicts.write(withResolutions(fresh, resolutions));
    if (missing > 0) summary += `. ${missing} conflicted record(s) have no row in the sheet any more`;
    return { result: { summary, requests: run.api.requests }, ok: true, details: summary };
  });
}

/** Puts back what the last push changed: created records are deleted, changed ones get their old values. */
export function undoLastPush(env: Environment, workbook: Workbook): ActionReport {
  return SyncRun.run(env, workbook, 'undo last push', (run) => {
    const { pushedAt, entries } = readUndo(workbook.undo.read());
    if (entries.length === 0)
      throw new UserFacingError(
        'There is no push to undo: nothing was pushed from this spreadsheet since the last undo.',
      );
    const sending: TabToSend[] = [];
    let missing = 0;
    for (const type of run.types()) {
      const mine = entries.filter((e) => e.type === type.type);
      if (mine.length === 0) continue;
      const item = readTab(run, type);
      const byId = new Map(item.rows.filter((r) => r.id).map((r) => [r.id!, r]));
      for (const entry of mine) {
        const row = byId.get(entry.id);
        if (!row) {
          missing++;
          continue;
        }
        const request = undoRequest(type, entry);
        item.candidates.push({
          row,
          request,
          kind: request.delete ? 'delete' : 'changed',
        } satisfies PushCandidate);
      }
      if (item.candidates.length > 0) sending.push(item);
    }
    const report = sendRows(run, sending, false);
    workbook.undo.write([]);
    const summary = `${summarise(report, `Undid the push of ${pushedAt}`)}${missing ? `. ${missing} row(s) were no longer in the sheet and were left as they are` : ''}`;
    return { result: { summary, requests: run.api.requests }, ok: report.complete, details: summary };
  });
}

/** Deletes the selected rows' records on the server; the rows stay, greyed out, and can be undone. */
export function deleteSelected(env: Environment, workbook: Workbook): ActionReport {
  return SyncRun.run(env, workbook, 'delete selected records', (run) => {
    const selection = workbook.selection(run.types());
    if (!selection) throw new UserFacingError('Select the rows to delete in a record tab first.');
    const item = readTab(run, selection.type);
    item.candidates = planDeletes(item.rows, selection.rows);
    if (item.candidates.length === 0)
      throw new UserFacingError(
        'None of the selected rows is a synced record (new rows can simply be cleared).',
      );
    const report = sendRows(run, [item], false);
    if (report.undo.length > 0) {
      workbook.undo.write(undoRows(report.undo, env.formatTime(env.now())));
    }
    const summary = summarise(report, 'Delete');
    return { result: { summary, requests: run.api.requests }, ok: report.complete, details: summary };
  });
}
