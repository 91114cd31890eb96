import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import { BadRequestError } from '../../domain/errors.ts';
import { weeklyReportCsv, weeklyReportHtml } from '../../reports/weekly-report-formats.ts';
import { reportWeek, type WeeklyReports } from '../../reports/weekly-report-service.ts';
import type { AppEnv } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const FORMATS = ['json', 'csv', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** ?format= wins; otherwise the Accept header (text/html, text/csv), JSON by default. */
function formatOf(c: Context): Format {
  const asked = c.req.query('format');
  if (asked !== undefined) {
    if ((FORMATS as readonly string[]).includes(asked)) return asked as Format;
    throw new BadRequestError('Some query parameters need fixing.', [
      {
        field: 'format',
        message: `expected json, csv or html, got ${JSON.stringify(asked)}`,
        received: asked,
      },
    ]);
  }
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  if (accept.startsWith('text/html')) return 'html';
  if (accept.startsWith('text/csv')) return 'csv';
  return 'json';
}

/**
 * GET /v1/reports/weekly?adviser=<id>|region=<id>&week=<Monday>&format=json|csv|html: an adviser's
 * week, or a region's week by adviser, each Taskforce council's work as "MTFJ <council>".
 */
export function weeklyReportArea(reports: WeeklyReports): RouteArea {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const principal = c.get('principal');
    const adviser = c.req.query('adviser');
    const region = c.req.query('region');
    if ((adviser === undefined) === (region === undefined)) {
      throw new BadRequestError(
        'Name either an adviser (?adviser=<adviser id>) or a region (?region=<region id>), and the week by its Monday (?week=2026-11-16; last week when left out).',
      );
    }
    const format = formatOf(c);
    const week = reportWeek(c.req.query('week'));
    const report = adviser
      ? await reports.forAdviser(principal, adviser, week)
      : await reports.forRegion(principal, region!, week);
    c.header('Vary', 'Accept');
    if (format === 'html') return c.html(weeklyReportHtml(report));
    if (format === 'csv') {
      const name = `weekly-report-${adviser ?? region}-${week}.csv`;
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      return c.body(weeklyReportCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.json(report);
  });

  return { name: 'weekly-report', prefix: '/v1/reports/weekly', routes: app };
}
