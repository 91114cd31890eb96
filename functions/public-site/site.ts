import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import type { Directory } from '../directory/directory-model.ts';
import type { LiveDirectory } from '../directory/live-directory.ts';
import { aboutPage, notFoundPage } from './about-page.ts';
import { type FindQuery, findPage } from './find-page.ts';
import { regionPage, regionsPage } from './region-pages.ts';
import { servicePage } from './service-page.ts';

export interface PublicSiteOptions {
  directory: Pick<LiveDirectory, 'get'>;
  /** The site's public address (https://services.example.nz); otherwise taken from the request. */
  siteUrl?: string;
}

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
    for (const [name, value] of Object.entries(HEADERS)) c.header(name, value);
  });

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
    return c.html(regionPage(d, region, siteUrl));
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
    const entries: [string, string | undefined][] = [
      ['/', d.updatedAt],
      ['/regions', d.updatedAt],
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

  app.notFound((c) =>
    c.html(notFoundPage('There is nothing at this address.', siteUrlOf(c, options.siteUrl), c.req.path), 404),
  );
  return app;
}
