import { html } from 'hono/html';
import { type Html, page } from './layout.ts';

export function aboutPage(siteUrl: string): Html {
  return page(
    {
      title: 'About this directory',
      description:
        'Who runs the directory of local employment services, how services get listed, and how to use the open data.',
      canonical: `${siteUrl}/about`,
      section: 'about',
    },
    html`<h1>About this directory</h1>
<p class="lead">The Community Employment Group (CEG) and the Mayors Taskforce for Jobs work together so that every young person under 25 is in work or training, and everyone has the chance to be.</p>
<h2>Who keeps it up to date</h2>
<p>In each region, Local Employment Co-ordination (LEC) groups bring together councils, iwi, government agencies, community groups, employers and education providers. They keep this database of co-ordinated services and prepare the region’s employment profile through public consultation and research.</p>
<h2>Getting a service listed or corrected</h2>
<p>Ask your region’s LEC co-ordinator or Community Employment Adviser. They record the service and mark it as listed; it appears here within a few minutes. A service is shown only while it is marked as listed, and only the details meant for the public are shown.</p>
<h2>Open data</h2>
<p>The directory is published for other directories and council websites to reuse:</p>
<ul>
<li><a href="/v1/public/services.csv">All services as a spreadsheet (CSV)</a></li>
<li><a href="/hsds/services">All services in the Human Services Data Specification 3.0 (JSON)</a>; see <a href="/docs">the API documentation</a></li>
</ul>
<p>Human Services Data Specification: an Open Referral resource (<a href="https://openreferral.org/">openreferral.org</a>), licensed CC BY-SA 4.0.</p>
<h2>Privacy</h2>
<p>This site sets no cookies, asks you to sign in to nothing, and loads nothing from other websites.</p>`,
  );
}

export function notFoundPage(what: string, siteUrl: string, path: string): Html {
  return page(
    {
      title: 'Page not found',
      description: 'This page could not be found in the directory of local employment services.',
      canonical: `${siteUrl}${path}`,
    },
    html`<h1>Page not found</h1>
<p class="lead">${what}</p>
<p>It may have been removed from the directory, or the address may be mistyped.</p>
<ul><li><a href="/">Search for a service</a></li><li><a href="/regions">Browse regions and employment profiles</a></li></ul>`,
  );
}

/** What a visitor sees when the directory's store does not answer: nothing is wrong with them. */
export function unavailablePage(siteUrl: string, path: string): Html {
  return page(
    {
      title: 'Try again in a minute',
      description: 'The directory of local employment services could not be read just now.',
      canonical: `${siteUrl}${path}`,
    },
    html`<h1>Try again in a minute</h1>
<p class="lead">The directory could not be read just now. Nothing is wrong with your search or this address.</p>
<p>Reload this page in a minute or two. If it keeps happening, try again later today.</p>`,
  );
}

/** A failure nobody foresaw: an apology and a way on, without the failure's details. */
export function failedPage(siteUrl: string, path: string): Html {
  return page(
    {
      title: 'Something went wrong',
      description: 'This page could not be shown.',
      canonical: `${siteUrl}${path}`,
    },
    html`<h1>Something went wrong</h1>
<p class="lead">This page could not be shown. Try again; if it keeps happening, the Partnership Records team would like to know the time it happened.</p>
<ul><li><a href="/">Search for a service</a></li><li><a href="/regions">Browse regions and employment profiles</a></li></ul>`,
  );
}
