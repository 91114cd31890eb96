import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { SITE_CSS } from './styles.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const SITE_NAME = 'Local employment services';

export interface PageMeta {
  title: string;
  /** One or two sentences for search engines and link previews. */
  description: string;
  /**
   * The page's own address, absolute (canonical link, Open Graph). Absent for a page behind a
   * signed link, which is nobody's to share, index or preview: it gets `noindex` instead.
   */
  canonical?: string;
  /** Which navigation item is this page, for aria-current. */
  /**
   * A page served away from the public site (a signed-link page on the API): the site's
   * navigation and open-data links are left out, since they would lead nowhere there.
   */
  standalone?: boolean;
  section?: 'find' | 'regions' | 'events' | 'about';
}

const NAV: { section: PageMeta['section']; href: string; label: string }[] = [
  { section: 'find', href: '/', label: 'Find a service' },
  { section: 'regions', href: '/regions', label: 'Regions and profiles' },
  { section: 'events', href: '/events', label: 'Events' },
  { section: 'about', href: '/about', label: 'About' },
];

/** The shell every public page shares: one HTML document with its styles inline and no scripts. */
export function page(meta: PageMeta, body: Html): Html {
  const site = meta.standalone ? 'Partnership Records' : SITE_NAME;
  const title = meta.section === 'find' && meta.title === SITE_NAME ? SITE_NAME : `${meta.title} – ${site}`;
  return html`<!doctype html>
<html lang="en-NZ">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description}">
${meta.canonical ? sharable(meta, meta.canonical) : raw('<meta name="robots" content="noindex, nofollow">')}
<link rel="icon" href="data:,">
<meta name="theme-color" content="#0b4f6c">
<style>${raw(SITE_CSS)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="site"><div class="wrap">
${meta.standalone ? html`<p class="brand">Partnership Records</p>` : siteNavigation(meta)}
</div></header>
<main id="main" class="wrap">
${body}
</main>
<footer class="site"><div class="wrap">
<p>Run by the Community Employment Group and the Mayors Taskforce for Jobs with the Local Employment Co-ordination groups in each region.</p>
${meta.standalone ? '' : raw('<nav aria-label="Open data"><p>Open data: <a href="/v1/public/services.csv">all services as CSV</a> · <a href="/hsds/services">HSDS 3.0 JSON</a> · <a href="/sitemap.xml">site map</a></p></nav>')}
</div></footer>
</body>
</html>`;
}

function siteNavigation(meta: PageMeta): Html {
  return html`<a class="brand" href="/">${SITE_NAME}</a>
<nav aria-label="Main"><ul>${NAV.map(
    (n) =>
      html`<li><a href="${n.href}"${n.section === meta.section ? raw(' aria-current="page"') : ''}>${n.label}</a></li>`,
  )}</ul></nav>`;
}

/** The canonical link and Open Graph tags of a page anyone may share. */
function sharable(meta: PageMeta, canonical: string): Html {
  return html`<link rel="canonical" href="${canonical}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="${SITE_NAME}">
<meta property="og:locale" content="en_NZ">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">`;
}

/** Joins address lines that exist with commas ("12 High Street, Greymouth 7805"). */
export function joined(parts: (string | undefined)[], separator = ', '): string {
  return parts.filter((p) => p !== undefined && p !== '').join(separator);
}
