import { html } from 'hono/html';
import type { DirectoryService } from '../directory/public-directory.ts';
import { describeDays } from '../records/opening-hours.ts';
import { type Html, joined, page } from './layout.ts';
import { longDate } from './nz-dates.ts';

function ages(s: DirectoryService): string | undefined {
  if (s.minimumAge !== undefined && s.maximumAge !== undefined) return `${s.minimumAge} to ${s.maximumAge}`;
  if (s.minimumAge !== undefined) return `${s.minimumAge} and over`;
  if (s.maximumAge !== undefined) return `up to ${s.maximumAge}`;
  return undefined;
}

function openingHours(s: DirectoryService): Html | string {
  if (s.openingPeriods.length === 0) return s.openingHours ? html`<p>${s.openingHours}</p>` : '';
  return html`<table>
<caption class="meta">Opening hours (New Zealand time)</caption>
<thead><tr><th scope="col">Days</th><th scope="col">Open</th></tr></thead>
<tbody>${s.openingPeriods.map(
    (p) => html`<tr><th scope="row">${describeDays(p.days)}</th><td>${p.opens} to ${p.closes}</td></tr>`,
  )}</tbody></table>`;
}

export function servicePage(s: DirectoryService, siteUrl: string): Html {
  const where = joined([s.streetAddress, s.town, s.postcode ? s.postcode : undefined], ', ');
  const ageRange = ages(s);
  return page(
    {
      title: s.name,
      description: `${s.name} (${s.provider}, ${s.area ?? s.regionName}): ${s.description}`.slice(0, 300),
      canonical: `${siteUrl}/services/${encodeURIComponent(s.id)}`,
      section: 'find',
    },
    html`<p><a href="/?region=${s.regionId}">Services in ${s.regionName}</a></p>
<h1>${s.name}</h1>
<p class="meta">${s.provider} · <span class="tag">${s.categoryLabel}</span></p>
<p class="lead">${s.description}</p>
<h2>Who it is for</h2>
<dl class="facts">
<dt>Eligibility</dt><dd>${s.eligibility ?? 'Ask the provider.'}</dd>
${ageRange ? html`<dt>Ages</dt><dd>${ageRange}</dd>` : ''}
<dt>Cost</dt><dd>${s.cost ?? 'Ask the provider.'}</dd>
${s.howToApply ? html`<dt>How to get in</dt><dd>${s.howToApply}</dd>` : ''}
</dl>
<h2>Where and when</h2>
<dl class="facts">
${where ? html`<dt>Address</dt><dd>${where}</dd>` : ''}
<dt>Area served</dt><dd>${joined([s.area, s.councilName, s.regionName])}</dd>
</dl>
${openingHours(s)}
<h2>Get in touch</h2>
<ul>
${s.phone ? html`<li>Phone <a href="tel:${s.phone.replace(/[^\d+]/g, '')}">${s.phone}</a></li>` : ''}
${s.email ? html`<li>Email <a href="mailto:${s.email}">${s.email}</a></li>` : ''}
${s.website ? html`<li>Website <a href="${s.website}" rel="noopener">${s.website.replace(/^https?:\/\//, '')}</a></li>` : ''}
${!s.phone && !s.email && !s.website ? html`<li>Contact ${s.provider} directly.</li>` : ''}
</ul>
${
  s.organisation?.description
    ? html`<h2>About ${s.organisation.name}</h2><p>${s.organisation.description}</p>`
    : ''
}
<p class="meta">Last updated ${longDate(s.updatedAt)}.</p>`,
  );
}
