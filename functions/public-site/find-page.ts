import { html, raw } from 'hono/html';
import type { Directory } from '../directory/directory-model.ts';
import type { DirectoryService } from '../directory/public-directory.ts';
import type { ServiceSearch } from '../directory/search.ts';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '../records/types/service.ts';
import { type Html, joined, page, SITE_NAME } from './layout.ts';

/** Results per page: enough to scan on a phone, few enough to keep the page light. */
const RESULTS_PER_PAGE = 20;

export interface FindQuery extends ServiceSearch {
  page: number;
}

const selected = (on: boolean) => (on ? raw(' selected') : '');

function searchForm(directory: Directory, q: FindQuery): Html {
  return html`<form class="search" method="get" action="/" role="search">
<div class="words"><label for="q">What are you looking for?</label>
<input id="q" name="q" type="search" value="${q.words ?? ''}" aria-describedby="q-hint" autocomplete="off">
<p class="hint" id="q-hint">For example: youth, CV, driver licence, Greymouth. Macrons are optional.</p></div>
<div><label for="region">Region</label>
<select id="region" name="region"><option value="">All of New Zealand</option>${directory.regions.map(
    (r) => html`<option value="${r.id}"${selected(q.region === r.id)}>${r.name}</option>`,
  )}</select></div>
<div><label for="council">Council district</label>
<select id="council" name="council"><option value="">Any district</option>${directory.regions
    .filter((r) => directory.councils.some((c) => c.regionId === r.id))
    .map(
      (r) =>
        html`<optgroup label="${r.name}">${directory.councils
          .filter((c) => c.regionId === r.id)
          .map(
            (c) => html`<option value="${c.id}"${selected(q.council === c.id)}>${c.name}</option>`,
          )}</optgroup>`,
    )}</select></div>
<div><label for="category">Kind of help</label>
<select id="category" name="category"><option value="">Any kind</option>${SERVICE_CATEGORIES.map(
    (c) => html`<option value="${c}"${selected(q.category === c)}>${SERVICE_CATEGORY_LABELS[c]}</option>`,
  )}</select></div>
<div class="go"><button type="submit">Search</button></div>
</form>`;
}

/** One result: what, for whom, where, how to get in touch. */
function result(s: DirectoryService): Html {
  return html`<li>
<h3><a href="/services/${encodeURIComponent(s.id)}">${s.name}</a></h3>
<p class="meta">${s.provider} · <span class="tag">${s.categoryLabel}</span></p>
<p>${s.description}</p>
<dl class="facts">
${s.eligibility ? html`<dt>For</dt><dd>${s.eligibility}</dd>` : ''}
<dt>Where</dt><dd>${joined([s.streetAddress, s.town ?? s.area, s.regionName])}</dd>
${s.phone || s.email ? html`<dt>Contact</dt><dd>${joined([s.phone, s.email], ' · ')}</dd>` : ''}
</dl>
</li>`;
}

function describeSearch(directory: Directory, q: FindQuery): string {
  const parts: string[] = [];
  if (q.words) parts.push(`matching “${q.words}”`);
  if (q.category)
    parts.push(`in ${SERVICE_CATEGORY_LABELS[q.category as keyof typeof SERVICE_CATEGORY_LABELS]}`);
  const council = directory.councils.find((c) => c.id === q.council);
  const region = directory.regions.find((r) => r.id === q.region);
  if (council) parts.push(`in ${council.name}`);
  else if (region) parts.push(`in ${region.name}`);
  return parts.join(' ');
}

function pageLink(q: FindQuery, pageNumber: number): string {
  const params = new URLSearchParams();
  if (q.words) params.set('q', q.words);
  if (q.region) params.set('region', q.region);
  if (q.council) params.set('council', q.council);
  if (q.category) params.set('category', q.category);
  if (pageNumber > 1) params.set('page', String(pageNumber));
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

function isSearching(q: FindQuery): boolean {
  return Boolean(q.words || q.region || q.council || q.category);
}

function results(directory: Directory, q: FindQuery): Html {
  const found = directory.search(q);
  const words = describeSearch(directory, q);
  if (found.length === 0) {
    return html`<section aria-labelledby="results-heading">
<h2 id="results-heading">No services found ${words}</h2>
<div class="notice"><p>Nothing in the directory matches that. You could:</p>
<ul><li>use fewer or shorter words (“youth” rather than “youth employment programmes”);</li>
<li>choose “All of New Zealand” or “Any kind” to widen the search;</li>
<li><a href="/">start a new search</a> or <a href="/regions">browse by region</a>.</li></ul></div>
</section>`;
  }
  const pages = Math.ceil(found.length / RESULTS_PER_PAGE);
  const current = Math.min(q.page, pages);
  const shown = found.slice((current - 1) * RESULTS_PER_PAGE, current * RESULTS_PER_PAGE);
  return html`<section aria-labelledby="results-heading">
<h2 id="results-heading">${found.length === 1 ? '1 service' : `${found.length} services`} found ${words}</h2>
${pages > 1 ? html`<p class="meta">Page ${current} of ${pages}</p>` : ''}
<ul class="results">${shown.map(result)}</ul>
${
  pages > 1
    ? html`<nav class="pager" aria-label="Pages of results">${
        current > 1
          ? html`<a href="${pageLink(q, current - 1)}" rel="prev">Previous page</a>`
          : html`<span></span>`
      }${current < pages ? html`<a href="${pageLink(q, current + 1)}" rel="next">Next page</a>` : ''}</nav>`
    : ''
}
</section>`;
}

function browse(directory: Directory): Html {
  return html`<h2>Browse by kind of help</h2>
<ul class="chips">${directory.categories.map(
    (c) =>
      html`<li><a href="/?category=${c}">${SERVICE_CATEGORY_LABELS[c as keyof typeof SERVICE_CATEGORY_LABELS]}</a></li>`,
  )}</ul>
<h2>Browse by region</h2>
<ul class="chips">${directory.regions
    .filter((r) => r.serviceCount > 0)
    .map((r) => html`<li><a href="/?region=${r.id}">${r.name}</a></li>`)}</ul>
<p>${directory.serviceCount} services are listed. Each region’s <a href="/regions">employment profile</a> describes who is out of work, which industries are hiring and what is being done about it.</p>`;
}

export function findPage(directory: Directory, q: FindQuery, siteUrl: string): Html {
  const searching = isSearching(q);
  const words = describeSearch(directory, q);
  return page(
    {
      title: searching ? `Services ${words}` : SITE_NAME,
      description: searching
        ? `Local employment, training and youth services ${words}, with who they are for, where they are and how to get in touch.`
        : 'Find local help with work, training, youth transitions and starting a business anywhere in New Zealand, and read your region’s employment profile.',
      canonical: `${siteUrl}${pageLink(q, q.page)}`,
      section: 'find',
    },
    html`<h1>Find help with work and training near you</h1>
<p class="lead">Services run by councils, iwi, community groups and agencies working together in each region.</p>
${searchForm(directory, q)}
${searching ? results(directory, q) : browse(directory)}`,
  );
}
