import { cors } from 'hono/cors';
import { Hono } from 'hono/tiny';
import type { SnapshotReader } from '../aggregate/snapshot-files.ts';
import { CachedDirectory } from '../directory/public-directory.ts';
import {
  BadRequestError,
  DomainError,
  GoneError,
  ValidationFailedError,
  VersionConflictError,
} from '../domain/errors.ts';
import { KnowledgeBase } from '../domain/knowledge-base.ts';
import type { RecordRepository } from '../domain/record-repository.ts';
import { RecordService } from '../domain/record-service.ts';
import { SignOffService } from '../domain/sign-off-service.ts';
import type { UserDirectory } from '../domain/user-directory.ts';
import { WeeklyReports } from '../reports/weekly-report-service.ts';
import type { Authenticator } from './authenticate.ts';
import { requireOriginSecret } from './origin-verify.ts';
import { HttpProblemError, problemResponse } from './problem.ts';
import { isPublicPath } from './public-routes.ts';
import type { AppEnv } from './request.ts';
import { logRequests, type RequestLogLine } from './request-log.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerDirectoryRoutes } from './routes/directory.ts';
import { registerKnowledgeBaseRoutes } from './routes/knowledge-base.ts';
import { type OpenApiSource, registerMetaRoutes } from './routes/meta.ts';
import { openDataRoutes } from './routes/open-data.ts';
import { registerPublicRoutes } from './routes/public.ts';
import { registerRecordRoutes } from './routes/records.ts';
import { type ReminderRouteDependencies, registerReminderRoutes } from './routes/reminders.ts';
import { registerSignOffRoutes } from './routes/sign-offs.ts';
import { registerSyncRoutes } from './routes/sync.ts';
import { registerWeeklyReportRoutes } from './routes/weekly-report.ts';
import { unroutedHandler } from './unrouted.ts';

export interface AppDependencies {
  store: RecordRepository;
  /** How long a knowledge-base search may reuse the index before catching up (default 1000 ms). */
  knowledgeRefreshMs?: number;
  directory: UserDirectory;
  authenticator: Authenticator;
  /** Where unexpected failures are reported (Powertools in Lambda, the console locally). */
  logError?: (message: string, error: unknown) => void;
  /** Where the original cause of a refusal is reported (a token library's reason, a database error). */
  logRefusal?: (message: string, error: unknown) => void;
  /** Extra routes mounted by the adapter (the dashboard, locally). */
  extend?: (app: Hono<AppEnv>) => void;
  /** Dashboard snapshots (S3 in the cloud, a folder locally); without it the dashboard routes answer 503. */
  snapshots?: SnapshotReader;
  /** Where GET /docs sends people: the self-hosted API reference (default /docs/index.html, as npm start serves it). */
  docsUrl?: string;
  /** The OpenAPI document: its builder (npm start, tests) or where its built copy is (the cloud). */
  openApi?: OpenApiSource;
  /** How long the public directory (HSDS, CSV) is kept in memory; 0 (the default) reads it every time. */
  directoryCacheMs?: number;
  /** Reminder settings (signed links and the preference store); without it those routes answer 503. */
  reminders?: ReminderRouteDependencies;
  /**
   * In the cloud, the secret CloudFront adds to each request (`x-origin-verify`): requests without it
   * did not pass the web application firewall and are refused before anything else happens.
   */
  originSecret?: string;
  /** Where the one line per request goes (JSON to CloudWatch in Lambda); no request log without it. */
  logRequest?: (line: RequestLogLine) => void;
  /** Browser origins allowed to call the API (CORS); none when empty. `*` allows any (npm start). */
  corsOrigins?: string[];
}

/** Every request header the OpenAPI document names, so a browser client may send each of them. */
export const CORS_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'Idempotency-Key',
];

/** The one Hono app, served by Lambda in the cloud and by Node locally. */
export function createApp(deps: AppDependencies): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const service = new RecordService(deps.store, deps.directory, deps.logError);

  if (deps.logRequest) app.use('*', logRequests(deps.logRequest));
  if (deps.originSecret) app.use('*', requireOriginSecret(deps.originSecret));
  if (deps.corsOrigins?.length) {
    // Preflights are answered here, before authentication: a browser sends them without a token.
    app.use(
      '*',
      cors({
        origin: deps.corsOrigins.includes('*') ? '*' : deps.corsOrigins,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: CORS_REQUEST_HEADERS,
        exposeHeaders: ['ETag', 'Location', 'Allow', 'WWW-Authenticate'],
        maxAge: 3600,
      }),
    );
  }

  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    // Everything under /v1 needs a token except the public routes (public-routes.ts); nothing
    // else holds data.
    if (c.req.path.startsWith('/v1/') && !isPublicPath(c.req.path)) {
      c.set('principal', await deps.authenticator.authenticate(c.req.header('authorization')));
    }
    await next();
  });

  registerMetaRoutes(app, deps.docsUrl, deps.openApi);
  app.route('/', openDataRoutes(new CachedDirectory(deps.store, deps.directoryCacheMs ?? 0)));
  registerPublicRoutes(app, deps.store);
  registerDashboardRoutes(app, deps.snapshots);
  deps.extend?.(app);
  registerReminderRoutes(app, deps.reminders);
  registerWeeklyReportRoutes(app, new WeeklyReports(deps.store));
  registerDirectoryRoutes(app, deps.directory, deps.authenticator, deps.store);
  registerSyncRoutes(app, service);
  registerKnowledgeBaseRoutes(
    app,
    new KnowledgeBase(deps.store, { refreshEveryMs: deps.knowledgeRefreshMs }),
  );
  registerSignOffRoutes(app, deps.store, service, new SignOffService(deps.store));
  registerRecordRoutes(app, service);

  app.notFound(unroutedHandler(app));

  app.onError((error, c) => {
    if (error instanceof HttpProblemError) return problemResponse(c, error.code, error.message);
    if (error instanceof DomainError) {
      // The original failure (a token library's reason, a database error) stays in the logs only.
      if (error.cause) deps.logRefusal?.(`Refused with ${error.code}`, error);
      const extra: Record<string, unknown> = {};
      if (error instanceof ValidationFailedError || error instanceof BadRequestError) {
        if (error.errors.length > 0) extra.errors = error.errors;
      }
      if (error instanceof VersionConflictError && error.current) {
        extra.current = error.current;
        c.header('ETag', `"${error.current.version}"`);
      }
      if (error instanceof GoneError) extra.current = error.record;
      if (error.code === 'unauthenticated')
        c.header('WWW-Authenticate', 'Bearer realm="partnership-records"');
      return problemResponse(c, error.code, error.message, extra);
    }
    deps.logError?.('Unexpected failure', error);
    return problemResponse(
      c,
      'internal',
      'The request failed unexpectedly and nothing was changed by the failed step. Try again; if it keeps failing, tell the Partnership Records team the time it happened.',
    );
  });

  return app;
}
