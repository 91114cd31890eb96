import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { isQuarter } from '../../aggregate/calendar.ts';
import { buildQuarterlyReport, NoSnapshotInQuarterError } from '../../aggregate/quarterly-report.ts';
import { quarterlyReportHtml } from '../../aggregate/quarterly-report-html.ts';
import type { SnapshotReader } from '../../aggregate/snapshot-files.ts';
import type { Snapshot } from '../../aggregate/snapshot-schema.ts';
import { limitListsToRegions } from '../../aggregate/snapshot-visibility.ts';
import { AccessDeniedError, BadRequestError, NotFoundError, UnavailableError } from '../../domain/errors.ts';
import { isIsoDate } from '../../domain/iso-date.ts';
import { accessContact, type Principal } from '../../domain/principal.ts';
import type { AppEnv } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

class SnapshotsUnavailableError extends UnavailableError {
  constructor() {
    super(
      'Dashboard snapshots are not available on this server: in the cloud SNAPSHOT_BUCKET is not set for the API function; locally, npm start did not mount the snapshot folder.',
    );
  }
}

/**
 * Who sees what: every signed-in person (any role) and every machine client with a records scope
 * sees all figures, national and per region, because they are counts. The lists (overdue actions,
 * publicity and communications awaiting sign-off) name records, so people limited to regions see
 * only their regions' items, as the records API would show them. See docs/dashboard.md.
 */
function viewFor(principal: Principal): (snapshot: Snapshot) => Snapshot {
  if (principal.scopes && !principal.scopes.has('records/read') && !principal.scopes.has('records/write')) {
    throw new AccessDeniedError(
      `This machine client's token lacks the records/read scope. Ask ${accessContact()} to grant it.`,
    );
  }
  if (principal.role === 'national') return (snapshot) => snapshot;
  // A mayor's office sees figures, not its region's lists, which name other councils' records.
  if (principal.role === 'council') return (snapshot) => limitListsToRegions(snapshot, []);
  return (snapshot) => limitListsToRegions(snapshot, principal.regionIds);
}

/** HTML when asked with ?format=html or an Accept header that prefers text/html; JSON otherwise. */
function wantsHtml(c: Context): boolean {
  const format = c.req.query('format');
  if (format === 'html') return true;
  if (format === 'json') return false;
  if (format !== undefined) {
    throw new BadRequestError('Some query parameters need fixing.', [
      { field: 'format', message: `expected html or json, got ${JSON.stringify(format)}`, received: format },
    ]);
  }
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('application/json');
  return html >= 0 && (json < 0 || html < json);
}

/** The dashboard snapshots and the quarterly report under /v1, for signed-in people and clients. */
export function dashboardArea(snapshots: SnapshotReader | undefined): RouteArea {
  const app = new Hono<AppEnv>();
  const reader = (): SnapshotReader => {
    if (!snapshots) throw new SnapshotsUnavailableError();
    return snapshots;
  };

  // Served as published by the aggregation, so the API bundle does not carry the schema itself.
  app.get('/dashboard/schema', async (c) => {
    viewFor(c.get('principal'));
    const schema = await reader().schema();
    if (!schema) {
      throw new NotFoundError(
        'The snapshot schema is published with the first snapshot, and there is none yet. Run the aggregation first.',
      );
    }
    return c.json(schema);
  });

  app.get('/dashboard/dates', async (c) => {
    viewFor(c.get('principal'));
    return c.json({ dates: await reader().dates() });
  });

  app.get('/dashboard/latest', async (c) => {
    const view = viewFor(c.get('principal'));
    const snapshot = await reader().latest();
    if (!snapshot) {
      throw new NotFoundError(
        'No dashboard snapshot has been made yet. The nightly aggregation writes one at 02:00 New Zealand time; locally, run "npm run aggregate".',
      );
    }
    return c.json(view(snapshot));
  });

  app.get('/dashboard/:date', async (c) => {
    const view = viewFor(c.get('principal'));
    const date = c.req.param('date');
    if (!isIsoDate(date)) {
      throw new BadRequestError(
        `"${date}" is not a date: ask for a snapshot by its date, like /v1/dashboard/2026-11-23, or use /v1/dashboard/latest.`,
        [{ field: 'date', message: 'expected a date like 2026-11-23 (year-month-day)', received: date }],
      );
    }
    const snapshot = await reader().forDate(date);
    if (!snapshot) {
      const dates = await reader().dates();
      throw new NotFoundError(
        dates.length === 0
          ? `There is no snapshot for ${date}: no snapshot has been made yet.`
          : `There is no snapshot for ${date}. Snapshots exist for ${dates.length} dates from ${dates[0]} to ${dates.at(-1)}; GET /v1/dashboard/dates lists them.`,
      );
    }
    return c.json(view(snapshot));
  });

  app.get('/reports/quarterly/:quarter', async (c) => {
    const view = viewFor(c.get('principal'));
    const quarter = c.req.param('quarter');
    if (!isQuarter(quarter)) {
      throw new BadRequestError(
        `"${quarter}" is not a quarter: ask for one like /v1/reports/quarterly/2026-Q3.`,
        [
          {
            field: 'quarter',
            message: 'expected a quarter like 2026-Q3 (year, Q, 1 to 4)',
            received: quarter,
          },
        ],
      );
    }
    const html = wantsHtml(c);
    c.header('Vary', 'Accept');
    let report: Awaited<ReturnType<typeof buildQuarterlyReport>>;
    try {
      report = await buildQuarterlyReport(reader(), quarter, view);
    } catch (error) {
      if (error instanceof NoSnapshotInQuarterError) throw new NotFoundError(error.message);
      throw error;
    }
    if (html) return c.html(quarterlyReportHtml(report));
    return c.json(report);
  });

  return { name: 'dashboard', prefix: '/v1', routes: app };
}
