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
import { hiddenInWords, recordsInWords } from '../sheet/records-in-words.ts';
import { readRows, type SheetRow } from '../sheet/row-state.ts';
import { emptyChanges } from '../sheet/tab-writes.ts';
import { readUndo, undoRequest, undoRows } from '../sheet/undo-log.ts';
import type { Environment, Workbook } from './ports.ts';
import { requireColumns, requireOrder } from './push-run.ts';
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
  const rows = readRows(snapshot.rows, map, run.env.readDate);
  requireOrder(tab.name, rows, map);
  return { type, tab, snapshot, map, candidates: [], rows };
}

function summarise(report: SendReport, lead: string): string {
  const counts = describeCounts(report.counts);
  return `${lead}: ${counts}${report.stoppedBecause ? `. Not finished: ${report.stoppedBecause}` : ''}`;
}

/** What a row action will do, for its confirmation, and the records it chose. */
export interface ActionPreview {
  /** "3 activities (Christchurch City: 2, Selwyn District: 1)", then any hidden rows left out. */
  what: string;
  hidden: string;
  ids: string[];
}

function listsFor(run: SyncRun, type: TypeDescription): ReturnType<SyncRun['workbook']['referenceLists']> {
  return type.fields.some((f) => f.refType === 'council') ? run.workbook.referenceLists() : new Map();
}

/** Which open conflicts a resolve applies to: one named record, or the selected rows. */
function chosenConflicts(
  run: SyncRun,
  types: TypeDescription[],
  target?: { type: string; id: string },
): ListedConflict[] {
  return conflictsInScope(run, types, target).found;
}

function conflictsInScope(
  run: SyncRun,
  types: TypeDescription[],
  target?: { type: string; id: string },
): { found: ListedConflict[]; type?: TypeDescription; hidden: number; rows: SheetRow[] } {
  const open = readConflicts(run.workbook.conflicts.read()).filter((c) => c.open);
  if (target) {
    const found = open.filter((c) => c.type === target.type && c.id === target.id);
    if (found.length === 0)
      throw new UserFacingError(
        `There is no open conflict for ${target.type} ${target.id}; it may be resolved already.`,
      );
    return { found, hidden: 0, rows: [] };
  }
  const selection = run.workbook.selection(types);
  if (!selection)
    throw new UserFacingError(
      'Select the rows with a conflict in a record tab first (their status says "conflict").',
    );
  const { rows } = readTab(run, selection.type);
  const chosen = rows.filter((r) => selection.rows.has(r.index) && r.id);
  const ids = new Set(chosen.map((r) => r.id!));
  const found = open.filter((c) => c.type === selection.type.type && ids.has(c.id));
  if (found.length === 0)
    throw new UserFacingError(
      [
        'None of the selected rows that show has an open conflict.',
        hiddenInWords(selection.hidden),
        'The Conflicts tab lists the open ones.',
      ]
        .filter(Boolean)
        .join(' '),
    );
  const conflicted = new Set(found.map((c) => c.id));
  return {
    found,
    type: selection.type,
    hidden: selection.hidden,
    rows: chosen.filter((r) => conflicted.has(r.id!)),
  };
}

/** What "Keep mine" or "Take theirs" on the selected rows would resolve, for its confirmation. */
export function previewResolveSelected(env: Environment, workbook: Workbook): ActionPreview {
  const run = new SyncRun(env, workbook, 'resolve conflicts');
  const scope = conflictsInScope(run, run.types());
  const type = scope.type!;
  return {
    what: recordsInWords(
      type,
      scope.rows.map((r) => r.values),
      listsFor(run, type),
    ),
    hidden: hiddenInWords(scope.hidden),
    ids: scope.found.map((c) => c.id),
  };
}

/** What "Delete selected records" would delete, for its confirmation. */
export function previewDeleteSelected(env: Environment, workbook: Workbook): ActionPreview {
  const run = new SyncRun(env, workbook, 'delete selected records');
  const { item, hidden } = deletesInScope(run);
  return {
    what: recordsInWords(
      item.type,
      item.candidates.map((c) => c.row.synced?.values ?? c.row.values),
      listsFor(run, item.type),
    ),
    hidden: hiddenInWords(hidden),
    ids: item.candidates.map((c) => c.request.id!),
  };
}

/** The confirmed action must act on the records its confirmation named, no more, no fewer. */
function requireConfirmed(ids: readonly string[], confirmed: readonly string[] | undefined): void {
  if (!confirmed) return;
  const expected = new Set(confirmed);
  if (ids.length !== expected.size || ids.some((id) => !expected.has(id)))
    throw new UserFacingError(
      'The selected rows changed after you confirmed (a colleague, or a filter?), so nothing was done. Choose the action again to see what it would do now.',
    );
}

function deletesInScope(run: SyncRun): { item: TabToSend & { rows: SheetRow[] }; hidden: number } {
  const selection = run.workbook.selection(run.types());
  if (!selection) throw new UserFacingError('Select the rows to delete in a record tab first.');
  const item = readTab(run, selection.type);
  item.candidates = planDeletes(item.rows, selection.rows);
  if (item.candidates.length === 0)
    throw new UserFacingError(
      `None of the selected rows that show is a synced record (new rows can simply be cleared). ${hiddenInWords(selection.hidden)}`.trim(),
    );
  return { item, hidden: selection.hidden };
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
  confirmed?: readonly string[],
): ActionReport {
  return SyncRun.run(env, workbook, choice === 'mine' ? 'keep mine' : 'take theirs', (run) => {
    const types = run.types();
    const chosen = chosenConflicts(run, types, target);
    requireConfirmed(
      chosen.map((c) => c.id),
      confirmed,
    );
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
      writeTab(item, changes, { readDate: env.readDate });
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

/** What "Undo last push" would undo, for its confirmation: whose push, when, and how many records. */
export function describeUndo(workbook: Workbook): string {
  const { pushedAt, pushedBy, entries } = readUndo(workbook.undo.read());
  if (entries.length === 0)
    throw new UserFacingError(
      'There is no push to undo: nothing was pushed from this spreadsheet since the last undo.',
    );
  const created = entries.filter((e) => !e.before).length;
  const changed = entries.length - created;
  const parts = [
    ...(changed
      ? [
          changed === 1
            ? '1 changed record gets its previous values back'
            : `${changed} changed records get their previous values back`,
        ]
      : []),
    ...(created ? [`${created} created record${created === 1 ? ' is' : 's are'} deleted`] : []),
  ];
  return `Undo the push of ${pushedAt}${pushedBy ? ` by ${pushedBy}` : ''}? ${parts.join(' and ')}.`;
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
export function deleteSelected(
  env: Environment,
  workbook: Workbook,
  confirmed?: readonly string[],
): ActionReport {
  return SyncRun.run(env, workbook, 'delete selected records', (run) => {
    const { item } = deletesInScope(run);
    requireConfirmed(
      item.candidates.map((c) => c.request.id!),
      confirmed,
    );
    const report = sendRows(run, [item], false);
    if (report.undo.length > 0) {
      workbook.undo.write(undoRows(report.undo, env.formatTime(env.now()), env.user()));
    }
    const summary = summarise(report, 'Delete');
    return { result: { summary, requests: run.api.requests }, ok: report.complete, details: summary };
  });
}
