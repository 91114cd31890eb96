import * as z from 'zod/mini';
import { groupCalendarEvents } from '../../digest/group-calendar.ts';
import type { DigestSentLog } from '../../digest/ports.ts';
import type { RecordRepository } from '../../domain/record-repository.ts';
import { CALENDAR_CONTENT_TYPE, calendarFeed } from '../../events/calendar-feed.ts';
import { escapeHtml } from '../../html/escape-html.ts';
import { BadLinkError, type SignedLinkCheck } from '../../links/signed-link-check.ts';
import { AreaRoutes, defineRoute, type RouteContext } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import type { RouteArea } from '../route-area.ts';

export interface DigestLinkDependencies {
  links: SignedLinkCheck;
  sentLog: DigestSentLog;
  store: Pick<RecordRepository, 'get' | 'list'>;
  /** The public website, where public events have their pages. */
  publicSiteUrl?: string;
}

function problemPage(message: string): string {
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Your LEC digest</title></head><body style="font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem"><main><h1>Your LEC digest</h1><p role="alert">${escapeHtml(message)}</p></main></body></html>`;
}

/**
 * The pages behind a digest's own links, which need no sign-in because the signed token names the
 * member and the one LEC group: the digest as it was sent (its web version), and the member's
 * group calendar (public and members-only events) to subscribe to.
 */
const tokenQuery = {
  token: z.optional(z.string().check(z.maxLength(2000, { error: 'must be at most 2000 characters' }))),
};

const refuse = (c: RouteContext, error: Error) => c.html(problemPage(error.message), 400) as Response;

const openDigestWebVersion = defineRoute({ method: 'get', path: '/digest/web', query: tokenQuery, refuse });
const getGroupCalendar = defineRoute({
  method: 'get',
  path: '/digest/calendar.ics',
  query: tokenQuery,
  refuse,
});

export function digestLinksArea(deps: DigestLinkDependencies | undefined): RouteArea {
  const area = new AreaRoutes('/digest');
  const verify = async (
    c: RouteContext,
    token: string | undefined,
    purpose: 'digestWeb' | 'groupCalendar',
  ) => {
    if (!deps) return { problem: c.html(problemPage('Digests are not set up on this server.'), 503) };
    if (!token)
      return {
        problem: c.html(
          problemPage('This link is missing its token: use the whole link from the digest.'),
          400,
        ),
      };
    try {
      return { link: await deps.links.verifyGroup(token, purpose) };
    } catch (error) {
      if (error instanceof BadLinkError)
        return { problem: c.html(problemPage(error.message), error.expired ? 410 : 400) };
      throw error;
    }
  };

  area.on(openDigestWebVersion, async (c, { query }) => {
    const { link, problem } = await verify(c, query.token, 'digestWeb');
    if (problem) return problem;
    const sent = link.period
      ? await deps!.sentLog.sentDigest({ groupId: link.groupId, email: link.email }, link.period)
      : undefined;
    if (!sent)
      return c.html(problemPage('This digest is no longer kept (digests are kept for about a year).'), 404);
    c.header('Cache-Control', 'private, no-store');
    c.header('X-Robots-Tag', 'noindex');
    return c.html(sent.html);
  });

  area.on(getGroupCalendar, async (c, { query }) => {
    const { link, problem } = await verify(c, query.token, 'groupCalendar');
    if (problem) return problem;
    const calendar = await groupCalendarEvents(deps!.store, link.groupId);
    if (!calendar) return c.html(problemPage('This LEC group no longer exists.'), 404);
    const site = deps!.publicSiteUrl?.replace(/\/$/, '');
    const body = calendarFeed(calendar.events, {
      name: `${calendar.groupName} events`,
      description: `Public and members-only events of ${calendar.groupName}`,
      eventUrl: (e) => (e.openToPublic && site ? `${site}/events/${encodeURIComponent(e.id)}` : undefined),
    });
    // The token is in the address, so only its holder reaches this copy; calendars poll it.
    c.header('Cache-Control', 'private, max-age=900');
    c.header('Content-Type', CALENDAR_CONTENT_TYPE);
    return c.body(body);
  });

  return { name: 'digest-links', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** The digest's link pages in the OpenAPI document (build time only). */
export function digestLinkOperations(): OperationDoc[] {
  const page = (description: string) => ({
    description,
    content: { 'text/html': { schema: { type: 'string', maxLength: 400000 } } },
  });
  return [
    {
      route: openDigestWebVersion,
      operationId: 'openDigestWebVersion',
      tags: ['Digest'],
      access: 'public',
      summary: 'A digest as it was sent (its web version)',
      description:
        'The page behind "Read it on the web" in every LEC digest: the digest exactly as it was emailed, kept about a year. No sign-in: the signed token names the member, the group and the period.',
      parameters: { token: 'The signed token from the digest' },
      responses: {
        200: page('The digest'),
        400: page('The link is not valid'),
        404: page('The digest is no longer kept'),
        410: page('The link is too old'),
      },
      problems: [],
    },
    {
      route: getGroupCalendar,
      operationId: 'getGroupCalendar',
      tags: ['Digest'],
      access: 'public',
      summary: "A member's LEC group calendar (iCalendar)",
      description:
        "The group's events for a calendar application to subscribe to: the region's public events and the group's members-only ones, with a stable UID and a SEQUENCE that grows with every change; cancelled and deleted events are kept as cancelled. No sign-in: the signed token in the digest names the member and the group.",
      parameters: { token: 'The signed token from the digest' },
      responses: {
        200: {
          description: 'The calendar (RFC 5545)',
          content: { 'text/calendar': { schema: { type: 'string', maxLength: 2000000 } } },
        },
        400: page('The link is not valid'),
        410: page('The link is too old'),
      },
      problems: [],
    },
  ];
}
