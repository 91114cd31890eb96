import type { ApiRecord } from '../sheet/catalogue.ts';
import { mergePulled, type PullCounts } from '../sheet/pull-merge.ts';
import { readRows } from '../sheet/row-state.ts';
import type { Environment, Workbook } from './ports.ts';
import { requireColumns, requireOrder } from './push-run.ts';
import { writeTab } from './send-rows.ts';
import { SyncRun } from './sync-run.ts';
import { UserFacingError } from './user-facing-error.ts';

export interface PullReport {
  summary: string;
  perTab: {
    type: string;
    label: string;
    counts: PullCounts;
    complete: boolean;
    /** Why nothing was written to the tab this time (the run ran out of time), if so. */
    notWritten?: string;
  }[];
  requests: number;
  complete: boolean;
}

const PAGE_SIZE = 500;

function describePull(counts: PullCounts): string {
  const parts = [
    [counts.added, 'added'],
    [counts.updated, 'updated'],
    [counts.deleted, 'deleted'],
    [counts.keptEdits, 'kept your unpushed edits'],
  ].filter(([n]) => (n as number) > 0);
  return parts.length ? parts.map(([n, w]) => `${n} ${w}`).join(', ') : 'up to date';
}

const OUT_OF_TIME =
  "not pulled this time: the run reached Apps Script's time limit first. Pull again to continue";

/**
 * Pulls the changes since each tab's cursor, page by page until the server has no more, and
 * merges them in with one read and a fixed number of writes per tab. The cursor is saved only
 * after the tab is written, so an interrupted pull simply repeats. Time is checked before each
 * tab is started and again before it is written, so that a long first pull stops in time to
 * write its Sync log line instead of being ended by Apps Script with no word at all.
 */
export function runPull(
  env: Environment,
  workbook: Workbook,
  options: { scheduled?: boolean } = {},
): PullReport {
  return SyncRun.run(env, workbook, options.scheduled ? 'scheduled pull' : 'pull', (run) => {
    const report: PullReport = { summary: '', perTab: [], requests: 0, complete: true };
    const region = run.settings.regionId;
    const types = run.types();
    const notWritten = (type: (typeof types)[number]) => {
      report.complete = false;
      report.perTab.push({
        type: type.type,
        label: type.pluralLabel,
        counts: { added: 0, updated: 0, deleted: 0, alreadyHad: 0, keptEdits: 0 },
        complete: false,
        notWritten: OUT_OF_TIME,
      });
    };
    types.forEach((type, i) => {
      const tab = workbook.tab(type);
      if (!tab)
        throw new UserFacingError(
          `There is no tab for ${type.pluralLabel}. Run "Set up / repair tabs" first.`,
        );
      if (report.perTab.some((t) => t.notWritten) || (i > 0 && !run.hasTime())) {
        notWritten(type);
        return;
      }
      let cursor = run.state.cursor(type.type, region);
      const items: ApiRecord[] = [];
      let more = true;
      while (more && run.hasTime()) {
        const page = run.api.pullPage(type.path, region || undefined, cursor, PAGE_SIZE);
        items.push(...page.items);
        cursor = page.cursor;
        more = page.more;
        run.progress(i, types.length, `${type.pluralLabel}: ${items.length} changes read`);
      }
      if (!run.mayStillWrite()) {
        notWritten(type);
        return;
      }
      const { snapshot, map } = tab.read();
      requireColumns(type, tab.name, map, false);
      const rows = readRows(snapshot.rows, map, env.readDate);
      requireOrder(tab.name, rows, map);
      const { changes, counts } = mergePulled(rows, map, type, items);
      writeTab({ tab, snapshot, map }, changes, { readDate: env.readDate });
      if (cursor) run.state.saveCursor(type.type, region, cursor);
      if (more) report.complete = false;
      report.perTab.push({ type: type.type, label: type.pluralLabel, counts, complete: !more });
    });
    report.requests = run.api.requests;
    report.summary = report.perTab
      .map((t) =>
        t.notWritten
          ? `${t.label}: ${t.notWritten}`
          : `${t.label}: ${describePull(t.counts)}${t.complete ? '' : ' (more to come: pull again)'}`,
      )
      .join('. ');
    return { result: report, ok: true, details: report.summary };
  });
}
