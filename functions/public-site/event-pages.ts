import { html, raw } from 'hono/html';
import { whenInWords } from '../digest/event-words.ts';
import type { EventView } from '../events/event-view.ts';
import { type PublicEvents, upcoming } from '../events/public-events.ts';
import { EVENT_KIND_LABELS } from '../records/types/event.ts';
import { type Html, page } from './layout.ts';

/** The site paths of events and their calendars: one place, used by pages, feeds and the digest. */
export const EVENT_PATHS = {
  list: '/events',
  page: (id: string) => `/events/${encodeURIComponent(id)}`,
  addToCalendar: (id: string) => `/events/${encodeURIComponent(id)}.ics`,
  nationalFeed: '/events.ics',
  regionFeed: (regionId: string) => `/regions/${encodeURIComponent(regionId)}/events.ics`,
} as const;

function kindOf(event: EventView): string {
  return EVENT_KIND_LABELS[event.kind as keyof typeof EVENT_KIND_LABELS] ?? event.kind;
}

/**
 * How to subscribe to a feed: the https address to paste into a calendar's "subscribe" or "from
 * URL" box (Outlook and Google take https; a webcal-only link fails in some), and a webcal link
 * that opens the calendar application directly where one is installed.
 */
export function subscribeBlock(siteUrl: string, path: string, what: string): Html {
  const https = `${siteUrl}${path}`;
  const webcal = https.replace(/^https?:/, 'webcal:');
  return html`<div class="notice">
<p><strong>Subscribe to ${what}</strong> so new and changed events appear in your calendar by themselves.</p>
<p>Copy this address into your calendar application (Google Calendar: <em>Other calendars, From URL</em>; Outlook: <em>Add calendar, Subscribe from web</em>):</p>
<p><code>${https}</code></p>
<p><a href="${webcal}">Open in your calendar application</a> · <a href="${path}">Download the calendar file</a></p>
</div>`;
}

function eventItem(event: EventView, regionNames: ReadonlyMap<string, string>): Html {
  return html`<li>
<h3><a href="${EVENT_PATHS.page(event.id)}">${event.title}</a></h3>
<p class="meta">${whenInWords(event)}</p>
<p class="meta">${kindOf(event)}${event.location ? html` · ${event.location}` : ''} · ${regionNames.get(event.regionId) ?? event.regionId}</p>
</li>`;
}

/** The list of upcoming events, or a note that there are none. */
export function upcomingList(
  events: EventView[],
  regionNames: ReadonlyMap<string, string>,
  none: string,
): Html {
  if (events.length === 0) return html`<p>${none}</p>`;
  return html`<ul class="results">${events.map((e) => eventItem(e, regionNames))}</ul>`;
}

export function eventsPage(events: PublicEvents, siteUrl: string, regionId?: string): Html {
  const regionName = regionId ? events.regionNames.get(regionId) : undefined;
  const list = upcoming(events, regionName ? regionId : undefined);
  const regions = [...events.regionNames].sort(([, a], [, b]) => a.localeCompare(b, 'en-NZ'));
  return page(
    {
      title: regionName ? `Upcoming events in ${regionName}` : 'Upcoming events',
      description:
        'Roadshows, business forums, sector groups, exchange visits and training run by the Local Employment Co-ordination groups, open to the public.',
      canonical: `${siteUrl}${EVENT_PATHS.list}${regionName ? `?region=${regionId}` : ''}`,
      section: 'events',
    },
    html`<h1>${regionName ? `Upcoming events in ${regionName}` : 'Upcoming events'}</h1>
<p class="lead">Roadshows, business forums, sector groups, exchange visits and training that the Local Employment Co-ordination groups open to the public. Times are New Zealand time.</p>
<form class="search" method="get" action="${EVENT_PATHS.list}" role="search">
<div><label for="region">Region</label>
<select id="region" name="region"><option value="">All of New Zealand</option>${regions.map(
      ([id, name]) => html`<option value="${id}"${id === regionId ? raw(' selected') : ''}>${name}</option>`,
    )}</select></div>
<div class="go"><button type="submit">Show events</button></div>
</form>
<h2>${list.length === 0 ? 'No events yet' : `${list.length} upcoming event${list.length === 1 ? '' : 's'}`}</h2>
${upcomingList(list, events.regionNames, regionName ? `No public events are planned in ${regionName} yet.` : 'No public events are planned yet.')}
<h2>Add these events to your calendar</h2>
${
  regionName && regionId
    ? subscribeBlock(siteUrl, EVENT_PATHS.regionFeed(regionId), `${regionName}’s events`)
    : subscribeBlock(siteUrl, EVENT_PATHS.nationalFeed, 'every region’s events')
}`,
  );
}

export function eventPage(event: EventView, events: PublicEvents, siteUrl: string): Html {
  const regionName = events.regionNames.get(event.regionId) ?? event.regionId;
  return page(
    {
      title: event.title,
      description:
        `${kindOf(event)} in ${regionName}, ${whenInWords(event)}${event.description ? `: ${event.description}` : ''}`.slice(
          0,
          300,
        ),
      canonical: `${siteUrl}${EVENT_PATHS.page(event.id)}`,
      section: 'events',
    },
    html`<p><a href="${EVENT_PATHS.list}?region=${event.regionId}">Events in ${regionName}</a></p>
<h1>${event.title}</h1>
${event.cancelled ? html`<div class="notice"><p><strong>This event has been cancelled.</strong></p></div>` : ''}
<p class="meta"><span class="tag">${kindOf(event)}</span> · open to the public</p>
${event.description ? html`<p class="lead">${event.description}</p>` : ''}
<dl class="facts">
<dt>When</dt><dd>${whenInWords(event)}</dd>
${event.location ? html`<dt>Where</dt><dd>${event.location}</dd>` : ''}
<dt>Region</dt><dd><a href="/regions/${event.regionId}">${regionName}</a></dd>
</dl>
${event.cancelled ? '' : html`<p><a href="${EVENT_PATHS.addToCalendar(event.id)}" download>Add to calendar</a> (a calendar file for Outlook, Apple and Google Calendar)</p>`}
<h2>More events</h2>
<p><a href="${EVENT_PATHS.list}?region=${event.regionId}">Upcoming events in ${regionName}</a> · <a href="${EVENT_PATHS.list}">all of New Zealand</a></p>`,
  );
}
