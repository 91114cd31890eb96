import { Hono } from 'hono/tiny';
import type { SnapshotReader } from '../aggregate/snapshot-files.ts';
import type { DigestPreviewDependencies } from '../digest/preview.ts';
import { directorySourceOf, LiveDirectory } from '../directory/live-directory.ts';
import { ActionOwnerService } from '../domain/action-owner-service.ts';
import type { ChangeLog } from '../domain/change-events.ts';
import { KnowledgeBase } from '../domain/knowledge-base.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { RecordService } from '../domain/record-service.ts';
import { SignOffService } from '../domain/sign-off-service.ts';
import type { UserDirectory } from '../domain/user-directory.ts';
import { CouncilPages } from '../pages/council-page.ts';
import { RecordPages } from '../pages/record-page.ts';
import { WeeklyReports } from '../reports/weekly-report-service.ts';
import type { WebhookEndpoints } from '../webhooks/endpoint-service.ts';
import { assembleApp, type ShellDependencies } from './app-shell.ts';
import type { AppEnv } from './request.ts';
import type { RouteArea } from './route-area.ts';
import { actionLinksArea } from './routes/action-links.ts';
import { changesArea } from './routes/changes.ts';
import { dashboardArea } from './routes/dashboard.ts';
import { type DigestLinkDependencies, digestLinksArea } from './routes/digest-links.ts';
import { digestPreviewArea } from './routes/digest-preview.ts';
import { directoryArea } from './routes/directory.ts';
import { knowledgeBaseArea } from './routes/knowledge-base.ts';
import { metaArea, type OpenApiSource } from './routes/meta.ts';
import { openDataArea } from './routes/open-data.ts';
import { pagesArea } from './routes/pages.ts';
import { publicArea } from './routes/public.ts';
import { recordsArea } from './routes/records.ts';
import { type ReminderRouteDependencies, remindersArea } from './routes/reminders.ts';
import { signOffsArea } from './routes/sign-offs.ts';
import { syncArea } from './routes/sync.ts';
import { webhooksArea } from './routes/webhooks.ts';
import { weeklyReportArea } from './routes/weekly-report.ts';

export interface AppDependencies extends ShellDependencies {
  store: RecordRepository;
  /** How long a knowledge-base search may reuse the index before catching up (default 1000 ms). */
  knowledgeRefreshMs?: number;
  /**
   * The knowledge base searched, when the caller makes it: one that loads the saved index
   * (functions/aggregate/search-snapshots.ts), perhaps before the first request. By default one
   * over `store` that builds its index on the first search.
   */
  knowledgeBase?: KnowledgeBase;
  /** The change events behind GET /v1/changes (the records table's, or the in-memory store's). */
  changeLog?: ChangeLog;
  /** How far behind now the change feed reads (default CHANGE_SETTLE_MS; offline tests, 0). */
  changeSettleMs?: number;
  /** Machine clients' webhook endpoints (functions/webhooks/webhook-system.ts); without them 503. */
  webhooks?: WebhookEndpoints;
  directory: UserDirectory;
  /** Extra routes mounted as one more area at the root (the dashboard and API reference, locally). */
  extend?: (routes: Hono<AppEnv>) => void;
  /** Dashboard snapshots (S3 in the cloud, a folder locally); without it the dashboard routes answer 503. */
  snapshots?: SnapshotReader;
  /** Where GET /docs sends people: the self-hosted API reference (default /docs/index.html, as npm start serves it). */
  docsUrl?: string;
  /** The OpenAPI document: its builder (npm start, tests) or where its built copy is (the cloud). */
  openApi?: OpenApiSource;
  /**
   * The public directory read model behind HSDS and CSV (shared with the public site locally);
   * by default one over `store` that asks what changed before every request.
   */
  publicDirectory?: LiveDirectory;
  /**
   * Reminder settings (signed links and the preference store); without it those routes answer 503,
   * as do the owners' action pages, which check the same links.
   */
  reminders?: ReminderRouteDependencies;
  /** Today in New Zealand for the action pages (tests name a day). */
  today?: () => string;
  /** The LEC digest's link pages (web version, group calendar) and the staff preview; without them 503. */
  digest?: { links: DigestLinkDependencies; preview: DigestPreviewDependencies };
}

/** Every area of the API over one set of dependencies (their order decides nothing; see RouteArea). */
export function apiAreas(deps: AppDependencies): RouteArea[] {
  const service = new RecordService(deps.store, deps.directory, deps.logError);
  const areas = [
    // Ready when one read of the table answers (any answer, found or not).
    metaArea(deps.docsUrl, deps.openApi, () => deps.store.get('region', 'readiness-probe')),
    openDataArea(
      deps.publicDirectory ?? new LiveDirectory(directorySourceOf(deps.store), { refreshEveryMs: 0 }),
    ),
    publicArea(deps.store),
    dashboardArea(deps.snapshots),
    remindersArea(deps.reminders),
    actionLinksArea(
      deps.reminders
        ? {
            links: deps.reminders.links,
            owners: new ActionOwnerService(deps.store, service),
            today: deps.today,
          }
        : undefined,
    ),
    digestLinksArea(deps.digest?.links),
    digestPreviewArea(deps.digest?.preview),
    weeklyReportArea(new WeeklyReports(deps.store)),
    directoryArea(deps.directory, deps.authenticator, deps.store),
    syncArea(service),
    changesArea(deps.changeLog, deps.changeSettleMs),
    webhooksArea(deps.webhooks),
    knowledgeBaseArea(
      deps.knowledgeBase ?? new KnowledgeBase(deps.store, { refreshEveryMs: deps.knowledgeRefreshMs }),
    ),
    signOffsArea(deps.store, service, new SignOffService(deps.store)),
    recordsArea(service),
    pagesArea({
      records: new RecordPages(deps.store, service),
      councils: new CouncilPages(deps.store, deps.directory),
    }),
  ];
  if (deps.extend) {
    const routes = new Hono<AppEnv>();
    deps.extend(routes);
    areas.push({ name: 'extension', prefix: '/', routes });
  }
  return areas;
}

/** The whole API as one Hono app: what npm start and the tests serve. */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  return assembleApp(deps, apiAreas(deps));
}
