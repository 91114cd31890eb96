import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { buildDashboard, DASHBOARD_DIR, DASHBOARD_DIST } from '../dashboard/build.ts';
import { addDays } from '../functions/aggregate/calendar.ts';
import { aggregateAndPublishDates } from '../functions/aggregate/nightly-run.ts';
import { knowledgeSnapshotsIn, publishSearchSnapshots } from '../functions/aggregate/search-snapshots.ts';
import { SnapshotArchive } from '../functions/aggregate/snapshot-archive.ts';
import { checkSnapshotKey, LocalFolderSink } from '../functions/aggregate/snapshot-sink.ts';
import type { AppEnv } from '../functions/api/request.ts';
import { isIsoDate } from '../functions/domain/iso-date.ts';
import type { KnowledgeSnapshotStore } from '../functions/domain/knowledge-base.ts';
import { newZealandDate } from '../functions/domain/new-zealand-day.ts';
import type { RecordRepository } from '../functions/domain/record-repository.ts';
import { recordOrCouncilPage } from '../functions/links/site-paths.ts';
import { PARTNER_PAGES_DIR } from '../partner-pages/build.ts';
import type { DevPerson, SignInConfig } from '../partner-pages/src/session.ts';

/**
 * The national dashboard for `npm start`: the built page at /dashboard/ and the local snapshot
 * folder beside it (`/dashboard/latest.json`, `/dashboard/snapshots/…`), the same relative layout
 * CloudFront serves from the site root, so the page is identical in both places.
 */

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
/** Where local snapshots go: a folder laid out like the snapshot bucket. */
export const DEFAULT_SNAPSHOT_DIR = path.join(PROJECT_ROOT, '.local/snapshots');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The snapshot archive kept in a local folder (the API's `snapshots` dependency locally). */
export function localSnapshotArchive(dir = DEFAULT_SNAPSHOT_DIR): SnapshotArchive {
  return new SnapshotArchive(new LocalFolderSink(dir));
}

/** The knowledge index's snapshot in the local snapshot folder, where the cloud keeps it in the bucket. */
export function localKnowledgeSnapshots(dir = DEFAULT_SNAPSHOT_DIR): KnowledgeSnapshotStore {
  return knowledgeSnapshotsIn(new LocalFolderSink(dir));
}

/** As often as the cloud's schedule catches the knowledge index's snapshot up. */
const SEARCH_SNAPSHOT_EVERY_MS = 15 * 60_000;

/**
 * What the aggregation's schedules do in the cloud, for `npm start`: the knowledge index's
 * snapshot rebuilt now, then caught up every 15 minutes while the process runs, so that the next
 * `npm start` loads it on its first search. A failed save is logged and tried again next time.
 */
export async function keepSearchSnapshotCurrent(options: {
  store: RecordRepository;
  snapshots: KnowledgeSnapshotStore;
  scope: string;
  log?: (line: string) => void;
}): Promise<void> {
  const save = async (rebuild: boolean) => {
    try {
      const { entries, durationMs } = await publishSearchSnapshots(options.store, options.snapshots, {
        scope: options.scope,
        rebuild,
      });
      if (rebuild)
        options.log?.(`Knowledge base: search index of ${entries} entries saved (${durationMs} ms)`);
    } catch (error) {
      options.log?.(`Knowledge base: the search index could not be saved (${(error as Error).message})`);
    }
  };
  await save(true);
  setInterval(() => void save(false), SEARCH_SNAPSHOT_EVERY_MS).unref();
}

async function newestSource(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Math.max(
    ...entries
      .filter(
        (e) => e.isFile() && /\.(ts|html|css)$/.test(e.name) && !e.parentPath.includes(`${path.sep}dist`),
      )
      .map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs),
  );
}

/** Builds the page when dashboard/dist is missing or older than its sources; returns the folder. */
export async function ensureDashboardBuilt(
  distDir = DASHBOARD_DIST,
): Promise<{ distDir: string; built: boolean }> {
  const index = path.join(distDir, 'index.html');
  const newest = Math.max(await newestSource(DASHBOARD_DIR), await newestSource(PARTNER_PAGES_DIR));
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return { distDir, built: false };
  await buildDashboard({ outDir: distDir });
  return { distDir, built: true };
}

async function sendFile(c: Context, file: string): Promise<Response> {
  try {
    const body = await readFile(file);
    return c.body(body, 200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'EISDIR'
    )
      return c.notFound();
    throw error;
  }
}

export interface DashboardExtensionOptions {
  /** The built page (default dashboard/dist; see ensureDashboardBuilt). */
  distDir?: string;
  /** The local snapshot folder (default .local/snapshots). */
  snapshotDir?: string;
  /** The development people the partner pages offer to sign in as (local runs only). */
  devPeople?: () => DevPerson[];
}

/** An `extend(app)` hook for createApp that serves the dashboard and the local snapshots. */
export function dashboardExtension(options: DashboardExtensionOptions = {}): (app: Hono<AppEnv>) => void {
  const distDir = options.distDir ?? DASHBOARD_DIST;
  const snapshotDir = options.snapshotDir ?? DEFAULT_SNAPSHOT_DIR;
  return (app) => {
    const index = async (c: Context) => {
      if (!existsSync(path.join(distDir, 'index.html'))) {
        return c.text(
          'The dashboard has not been built yet: run "npm run dashboard:build" (npm start builds it when it starts).',
          503,
        );
      }
      return sendFile(c, path.join(distDir, 'index.html'));
    };
    // The page reads its data relative to its own address, which must therefore end in a slash.
    // Some Hono routers match "/dashboard" for "/dashboard/" too, hence the look at the path.
    app.get('/dashboard', async (c) =>
      c.req.path.endsWith('/') ? index(c) : c.redirect('/dashboard/', 301),
    );
    app.get('/dashboard/', index);
    app.get('/dashboard/latest.json', (c) => sendFile(c, path.join(snapshotDir, 'latest.json')));
    app.get('/dashboard/snapshots/*', (c) => {
      const key = c.req.path.slice('/dashboard/'.length);
      try {
        checkSnapshotKey(key);
      } catch {
        return c.notFound();
      }
      return sendFile(c, path.join(snapshotDir, key));
    });
    // The addresses emails link to (/records/<type path>/<id>, /councils/<id> on the partner site)
    // send the browser to the page that shows them, as CloudFront does in the cloud.
    app.get('/dashboard/records/*', (c) => {
      const page = recordOrCouncilPage(c.req.path.slice('/dashboard'.length));
      return page ? c.redirect(`/dashboard/partners/${page}`, 302) : c.notFound();
    });
    app.get('/dashboard/councils/*', (c) => {
      const page = recordOrCouncilPage(c.req.path.slice('/dashboard'.length));
      return page ? c.redirect(`/dashboard/partners/${page}`, 302) : c.notFound();
    });
    // The partners' sign-off and knowledge-base pages, with the local sign-in choices.
    app.get('/dashboard/partners/sign-in.json', (c) =>
      c.json({ apiBase: '', devPeople: options.devPeople?.() ?? [] } satisfies SignInConfig),
    );
    app.get('/dashboard/partners/:file', (c) => {
      const file = c.req.param('file');
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file)) return c.notFound();
      return sendFile(c, path.join(distDir, 'partners', file));
    });
    app.get('/dashboard/:file', (c) => {
      const file = c.req.param('file');
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file)) return c.notFound();
      return sendFile(c, path.join(distDir, file));
    });
  };
}

export interface LocalAggregationOptions {
  store: RecordRepository;
  /** The local archive (default: localSnapshotArchive()). */
  archive?: SnapshotArchive;
  /** The date to end on (default: today in New Zealand). */
  date?: string;
  log?: (line: string) => void;
}

/** The `weeks` dates before `end`, a week apart and oldest first, then `end` itself. */
function weeklyDates(end: string, weeks: number): string[] {
  if (!isIsoDate(end)) throw new Error(`expected a date like 2026-11-23, got "${end}"`);
  return [...Array.from({ length: weeks }, (_, i) => addDays(end, -7 * (weeks - i))), end];
}

/** Builds, in one read of the records, the snapshots of those dates not in the archive yet. */
async function publishMissing(options: LocalAggregationOptions, dates: string[]): Promise<string[]> {
  const archive = options.archive ?? localSnapshotArchive();
  const existing = new Set(await archive.dates());
  const missing = dates.filter((d) => !existing.has(d));
  if (missing.length === 0) return [];
  const { snapshots, durationMs } = await aggregateAndPublishDates(options.store, archive, {
    dates: missing,
  });
  options.log?.(
    `Dashboard: ${missing.length === 1 ? `snapshot for ${missing[0]}` : `${missing.length} snapshots from ${missing[0]} to ${missing.at(-1)}`} (${snapshots[0]?.recordsRead ?? 0} records read once, ${durationMs} ms)`,
  );
  return missing;
}

/**
 * What `npm start` runs after starting: today's snapshot unless it exists, and with
 * `historyWeeks`, the weekly snapshots before it that are missing, all from one read.
 */
export async function ensureTodaysSnapshot(
  options: LocalAggregationOptions & { historyWeeks?: number },
): Promise<{ date: string; created: boolean; written: string[] }> {
  const date = options.date ?? newZealandDate();
  const written = await publishMissing(options, weeklyDates(date, options.historyWeeks ?? 0));
  return { date, created: written.includes(date), written };
}
