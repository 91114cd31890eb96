import type { Context } from 'hono';
import { html } from 'hono/html';
import { Hono } from 'hono/tiny';
import type { Directory } from '../directory/directory-model.ts';
import type { LiveDirectory } from '../directory/live-directory.ts';
import { UnavailableError } from '../domain/errors.ts';
import { CALENDAR_CONTENT_TYPE, calendarFeed } from '../events/calendar-feed.ts';
import type { EventView } from '../events/event-view.ts';
import { type CachedPublicEvents, type PublicEvents, upcoming } from '../events/public-events.ts';
import { aboutPage, failedPage, notFoundPage, unavailablePage } from './about-page.ts';
import { EVENT_PATHS, eventPage, eventsPage, subscribeBlock, upcomingList } from './event-pages.ts';
import { type FindQuery, findPage } from './find-page.ts';
import { regionPage, regionsPage } from './region-pages.ts';
import { servicePage } from './service-page.ts';

export interface PublicSiteOptions {
  directory: Pick<LiveDirectory, 'get'>;
  /** The public events (their pages and calendar feeds). */
  events: CachedPublicEvents;
  /** The site's public address (https://services.example.nz); otherwise taken from the request. */
  siteUrl?: string;
  /** Where a failure nobody foresaw is reported; the visitor sees only an apology. */
  logError?: (message: string, error: unknown) => void;
}

/** Seconds a visitor (or a crawler) is asked to wait when the store does not answer. */
const RETRY_AFTER_SECONDS = 60;

/**
 * Browsers and CloudFront may keep a page five minutes, so a change is public within minutes.
 * The policy allows the inline stylesheet and nothing from anywhere else: no scripts at all (connect-src 'self' lets crawlers' in-page checks read robots.txt).
 */
const HEADERS: Record<string, string> = {
  'Cache-Control': 'public, max-age=300',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Calendars refresh feeds on their own schedule (Google every 8 to 24 hours): fifteen minutes at
 * CloudFront keeps a change quick to reach them and spares the function the polling.
 */
const CALENDAR_CACHE = 'public, max-age=900';

function siteUrlOf(c: Context, configured?: string): string {
  if (configured) return configured.replace(/\/$/, '');
  // CloudFront passes the viewer's host on (see infra/lib/public-website.ts); locally it is the request's.
  const forwarded = c.req.header('x-forwarded-host');
  return forwarded ? `https://${forwarded}` : new URL(c.req.url).origin;
}

function findQuery(c: Context, directory: Directory): FindQuery {
  const text = (name: string) => c.req.query(name)?.trim().slice(0, 200) || undefined;
  const pageNumber = Number(c.req.query('page'));
  const region = text('region');
  return {
    words: text('q'),
    region,
    council: text('council'),
    category: text('category'),
    page: Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1,
    // A council chosen with another region would find nothing; the council decides.
    ...(region && directory.councils.some((x) => x.id === text('council') && x.regionId !== region)
      ? { region: undefined }
      : {}),
  };
}

/** The public website: server-rendered pages that work without JavaScript, and its sitemap. */
export function createPublicSite(options: PublicSiteOptions): Hono {
  const app = new Hono();
  const directory = () => options.directory.get();

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(HEADERS)) {
      // A calendar feed keeps its own (shorter) caching.
      if (name === 'Cache-Control' && c.res.headers.has(name)) continue;
      c.header(name, value);
    }
  });

  const events = () => options.events.get();
  const feed = (
    c: Context,
    list: EventView[],
    name: string,
    description: string,
    filename: string,
    url: string,
  ) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const body = calendarFeed(list, {
      name,
      description,
      url,
      eventUrl: (e) => `${siteUrl}${EVENT_PATHS.page(e.id)}`,
    });
    c.header('Content-Type', CALENDAR_CONTENT_TYPE);
    c.header('Content-Disposition', `inline; filename="${filename}"`);
    return c.body(body);
  };

  app.get('/', async (c) => {
    const d = await directory();
    return c.html(findPage(d, findQuery(c, d), siteUrlOf(c, options.siteUrl)));
  });

  app.get('/services/:id', async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const found = (await directory()).service(c.req.param('id'));
    if (!found) {
      return c.html(notFoundPage('There is no listed service at this address.', siteUrl, c.req.path), 404);
    }
    return c.html(servicePage(found, siteUrl));
  });

  app.get('/regions', async (c) => c.html(regionsPage(await directory(), siteUrlOf(c, options.siteUrl))));

  app.get('/regions/:id', async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const d = await directory();
    const region = d.regions.find((r) => r.id === c.req.param('id'));
    if (!region) return c.html(notFoundPage('There is no region at this address.', siteUrl, c.req.path), 404);
    const e = await events();
    const list = upcoming(e, region.id);
    const section = html`<h2 id="events">Upcoming events in ${region.name}</h2>
${upcomingList(list.slice(0, 10), e.regionNames, `No public events are planned in ${region.name} yet.`)}
${list.length > 10 ? html`<p><a href="${EVENT_PATHS.list}?region=${region.id}">All ${list.length} upcoming events in ${region.name}</a></p>` : ''}
${subscribeBlock(siteUrl, EVENT_PATHS.regionFeed(region.id), `${region.name}’s events`)}`;
    return c.html(regionPage(d, region, siteUrl, section));
  });

  app.get('/regions/:id/events.ics', async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const e = await events();
    const regionId = c.req.param('id');
    const name = e.regionNames.get(regionId);
    if (!name) return c.html(notFoundPage('There is no region at this address.', siteUrl, c.req.path), 404);
    c.header('Cache-Control', CALENDAR_CACHE);
    return feed(
      c,
      e.all.filter((x) => x.regionId === regionId),
      `${name} employment events`,
      `Public events of the Local Employment Co-ordination groups in ${name}`,
      `${regionId}-events.ics`,
      `${siteUrl}${EVENT_PATHS.list}?region=${regionId}`,
    );
  });

  app.get(EVENT_PATHS.nationalFeed, async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    c.header('Cache-Control', CALENDAR_CACHE);
    return feed(
      c,
      (await events()).all,
      'New Zealand employment events',
      'Public events of the Local Employment Co-ordination groups in every region',
      'new-zealand-events.ics',
      `${siteUrl}${EVENT_PATHS.list}`,
    );
  });

  app.get(EVENT_PATHS.list, async (c) => {
    const e = await events();
    const region = c.req.query('region')?.trim().slice(0, 100) || undefined;
    return c.html(
      eventsPage(e, siteUrlOf(c, options.siteUrl), region && e.regionNames.has(region) ? region : undefined),
    );
  });

  const findEvent = (e: PublicEvents, id: string) => e.all.find((x) => x.id === id);

  app.get('/events/:file{.+\\.ics}', async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const id = decodeURIComponent(c.req.param('file').slice(0, -'.ics'.length));
    const found = findEvent(await events(), id);
    if (!found)
      return c.html(notFoundPage('There is no public event at this address.', siteUrl, c.req.path), 404);
    c.header('Cache-Control', CALENDAR_CACHE);
    const response = feed(
      c,
      [found],
      found.title,
      'An event of a Local Employment Co-ordination group',
      `${id}.ics`,
      `${siteUrl}${EVENT_PATHS.page(id)}`,
    );
    c.header('Content-Disposition', `attachment; filename="${id}.ics"`);
    return response;
  });

  app.get('/events/:id', async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const e = await events();
    const found = findEvent(e, c.req.param('id'));
    // A deleted event is in the feeds as cancelled, but has no page any more.
    if (!found || found.deleted) {
      return c.html(notFoundPage('There is no public event at this address.', siteUrl, c.req.path), 404);
    }
    return c.html(eventPage(found, e, siteUrl));
  });

  app.get('/about', (c) => c.html(aboutPage(siteUrlOf(c, options.siteUrl))));

  app.get('/robots.txt', (c) =>
    c.text(
      `User-agent: *\nAllow: /\nDisallow: /v1/\nSitemap: ${siteUrlOf(c, options.siteUrl)}/sitemap.xml\n`,
    ),
  );

  app.get('/sitemap.xml', async (c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    const d = await directory();
    const e = await events();
    const entries: [string, string | undefined][] = [
      ['/', d.updatedAt],
      ['/regions', d.updatedAt],
      [EVENT_PATHS.list, e.updatedAt],
      ...upcoming(e).map((x): [string, string] => [EVENT_PATHS.page(x.id), x.updatedAt]),
      ['/about', undefined],
      ...d.regions.map((r): [string, string | undefined] => [
        `/regions/${r.id}`,
        d.profiles.find((p) => p.regionId === r.id)?.updatedAt,
      ]),
      ...d.services.map((s): [string, string] => [`/services/${encodeURIComponent(s.id)}`, s.updatedAt]),
    ];
    const urls = entries
      .map(
        ([path, at]) =>
          `<url><loc>${siteUrl}${path}</loc>${at ? `<lastmod>${at.slice(0, 10)}</lastmod>` : ''}</url>`,
      )
      .join('');
    c.header('Content-Type', 'application/xml; charset=utf-8');
    return c.body(
      `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`,
    );
  });

  app.onError((error, c) => {
    const siteUrl = siteUrlOf(c, options.siteUrl);
    // Not cached by browsers or CloudFront: the page is right only until the store answers again.
    c.header('Cache-Control', 'no-store');
    if (error instanceof UnavailableError) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.html(unavailablePage(siteUrl, c.req.path), 503);
    }
    options.logError?.('A public page failed', error);
    return c.html(failedPage(siteUrl, c.req.path), 500);
  });

  app.notFound((c) =>
    c.html(notFoundPage('There is nothing at this address.', siteUrlOf(c, options.siteUrl), c.req.path), 404),
  );
  return app;
}
