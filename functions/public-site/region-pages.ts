import { html } from 'hono/html';
import { type Directory, profileOfRegion } from '../directory/directory-model.ts';
import type { DirectoryRegion } from '../directory/public-directory.ts';
import { type Html, page } from './layout.ts';
import { longDate } from './nz-dates.ts';

export function regionsPage(directory: Directory, siteUrl: string): Html {
  return page(
    {
      title: 'Regions and employment profiles',
      description:
        'Each region’s employment profile, prepared with its Local Employment Co-ordination groups, and the services listed there.',
      canonical: `${siteUrl}/regions`,
      section: 'regions',
    },
    html`<h1>Regions and employment profiles</h1>
<p class="lead">Each region prepares an employment profile through public consultation and research: who is out of work or training, which industries employ people, and what local services offer.</p>
<table>
<caption class="meta">Regions of New Zealand</caption>
<thead><tr><th scope="col">Region</th><th scope="col">Employment profile</th><th scope="col">Services</th></tr></thead>
<tbody>${directory.regions.map(
      (r) => html`<tr><th scope="row"><a href="/regions/${r.id}">${r.name}</a></th>
<td>${r.hasProfile ? 'Published' : 'Not yet published'}</td>
<td>${r.serviceCount > 0 ? html`<a href="/?region=${r.id}" aria-label="${r.serviceCount} services in ${r.name}">${r.serviceCount}</a>` : '0'}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** `events` is the region's upcoming events section (event-pages.ts), shown under the profile. */
export function regionPage(
  directory: Directory,
  region: DirectoryRegion,
  siteUrl: string,
  events: Html | string = '',
): Html {
  const profile = profileOfRegion(directory, region.id);
  const servicesLink =
    region.serviceCount > 0
      ? html`<p><a href="/?region=${region.id}">See the ${region.serviceCount} services listed in ${region.name}</a></p>`
      : html`<p>No services are listed in ${region.name} yet.</p>`;
  if (!profile) {
    return page(
      {
        title: `${region.name} employment profile`,
        description: `${region.name} has not published its employment profile yet; see the services listed in the region.`,
        canonical: `${siteUrl}/regions/${region.id}`,
        section: 'regions',
      },
      html`<p><a href="/regions">All regions</a></p>
<h1>${region.name}</h1>
<div class="notice"><p>${region.name} has not published its employment profile yet. It will appear here once the region’s LEC groups have finished it.</p></div>
${servicesLink}
${events}`,
    );
  }
  return page(
    {
      title: profile.title,
      description: `${region.name} employment profile: ${profile.summary}`.slice(0, 300),
      canonical: `${siteUrl}/regions/${region.id}`,
      section: 'regions',
    },
    html`<p><a href="/regions">All regions</a></p>
<h1>${profile.title}</h1>
<p class="lead">${profile.summary}</p>
${
  profile.keyFigures.length > 0
    ? html`<h2>Key figures</h2><ul>${profile.keyFigures.map((f) => html`<li>${f}</li>`)}</ul>`
    : ''
}
${
  profile.industries.length > 0
    ? html`<h2>Main industries</h2><ul>${profile.industries.map((f) => html`<li>${f}</li>`)}</ul>`
    : ''
}
${profile.researchSources ? html`<h2>Sources</h2><p>${profile.researchSources}</p>` : ''}
<dl class="facts">
${profile.preparedOn ? html`<dt>Prepared</dt><dd>${longDate(profile.preparedOn)}</dd>` : ''}
${profile.publishedOn ? html`<dt>Published</dt><dd>${longDate(profile.publishedOn)}</dd>` : ''}
</dl>
<h2>Services in ${region.name}</h2>
${servicesLink}
${events}`,
  );
}
