import * as z from 'zod/mini';
import {
  ActionLinkRefusedError,
  type ActionOwnerService,
  MAX_OWNER_NOTE,
  OWNER_STATUSES,
  type OwnerStatus,
} from '../../domain/action-owner-service.ts';
import { UnavailableError, ValidationFailedError, VersionConflictError } from '../../domain/errors.ts';
import { newZealandDate } from '../../domain/new-zealand-day.ts';
import { actionLinkProblemPage, actionOwnerPage, type PageNotice } from '../../links/action-page.ts';
import { BadLinkError, type SignedLinkCheck } from '../../links/signed-link-check.ts';
import { ACTION_LINK_PAGES } from '../../links/site-paths.ts';
import type { Html } from '../../public-site/layout.ts';
import { AreaRoutes, defineRoute, type RouteContext } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import type { RouteArea } from '../route-area.ts';

export interface ActionLinkDependencies {
  links: SignedLinkCheck;
  owners: ActionOwnerService;
  /** Today in New Zealand (tests name a day). */
  today?: () => string;
}

/**
 * No scripts, nothing from elsewhere, forms only to this origin; and no Referer, since the
 * address carries the person's token.
 */
const HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

const WHEN = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  hour: 'numeric',
  minute: '2-digit',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "someone@example.nz at 10:32 am, 18 November 2026". */
function whoAndWhen(by: string, at: string): string {
  return `${by} at ${WHEN.format(new Date(at))}`;
}

/**
 * Sends a page with the headers every action page carries. The pages are built from plain values
 * (no promises inside), so their text is complete and is sent as a string.
 */
function send(c: RouteContext, body: Html, status: 200 | 400 | 403 | 409 | 410 | 422 = 200): Response {
  for (const [name, value] of Object.entries(HEADERS)) c.header(name, value);
  return c.html(String(body), status);
}

const params = { id: z.string().check(z.minLength(1), z.maxLength(100)) };
const query = { token: z.optional(z.string().check(z.maxLength(2000))) };
const refuse = (c: RouteContext) =>
  send(c, actionLinkProblemPage('This link is damaged: use the whole link from your reminder email.'), 400);

const showActionPage = defineRoute({
  method: 'get',
  path: `${ACTION_LINK_PAGES}/{id}`,
  params,
  query,
  refuse,
});

const saveActionPage = defineRoute({
  method: 'post',
  path: `${ACTION_LINK_PAGES}/{id}`,
  params,
  query,
  body: {
    media: 'form',
    maxBytes: 16 * 1024,
    schema: z.object({
      status: z.optional(z.string().check(z.maxLength(20))),
      note: z.optional(z.string().check(z.maxLength(20_000))),
      version: z.optional(z.string().check(z.maxLength(20))),
    }),
  },
  refuse,
});

/**
 * The owner's page of one action, opened from the signed link in a reminder (no sign-in: the
 * token names the person and the action). The address's id must be the token's: editing the
 * address cannot reach another action.
 */
export function actionLinksArea(deps: ActionLinkDependencies | undefined): RouteArea {
  const area = new AreaRoutes(ACTION_LINK_PAGES);
  const today = () => deps?.today?.() ?? newZealandDate();
  /** The page's own address, relative (where its form posts): the path and its token. */
  const selfUrl = (url: URL) => `${url.pathname}${url.search}`;

  /** The link's person, once the token is good and names this very action; else the page saying why. */
  const check = async (
    c: RouteContext,
    id: string,
    token: string | undefined,
  ): Promise<{ email: string } | { problem: Response }> => {
    if (!deps) {
      throw new UnavailableError(
        'Action links are not available on this server: the link secret is not set up here (see docs/deploy.md).',
      );
    }
    if (!token) {
      return {
        problem: send(
          c,
          actionLinkProblemPage(
            'This link is missing its token. Use the whole link from your reminder email.',
          ),
          400,
        ),
      };
    }
    try {
      const link = await deps.links.verifyAction(token);
      if (link.actionId !== id) {
        return {
          problem: send(
            c,
            actionLinkProblemPage(
              'This link was made for another action: an action link opens only the action it was sent for. Use the link in your reminder email as it is.',
            ),
            400,
          ),
        };
      }
      return { email: link.email };
    } catch (error) {
      if (error instanceof BadLinkError) {
        return { problem: send(c, actionLinkProblemPage(error.message), error.expired ? 410 : 400) };
      }
      throw error;
    }
  };

  const refused = (c: RouteContext, error: unknown): Response | undefined => {
    if (error instanceof ActionLinkRefusedError) {
      return send(c, actionLinkProblemPage(error.message), error.reason === 'gone' ? 410 : 403);
    }
    return undefined;
  };

  area.on(showActionPage, async (c, { params, query, url }) => {
    const link = await check(c, params.id, query.token);
    if ('problem' in link) return link.problem;
    try {
      const view = await deps!.owners.open(params.id, link.email);
      return send(c, actionOwnerPage(view, { today: today(), selfUrl: selfUrl(url) }));
    } catch (error) {
      const page = refused(c, error);
      if (page) return page;
      throw error;
    }
  });

  area.on(saveActionPage, async (c, { params, query, body, url }) => {
    const link = await check(c, params.id, query.token);
    if ('problem' in link) return link.problem;
    const id = params.id;
    const here = selfUrl(url);
    const status = OWNER_STATUSES.find((s) => s === body.status) as OwnerStatus | undefined;
    const note = body.note ?? '';
    const version = Number(body.version);
    const draft = { status, note };
    const problems = [
      ...(status ? [] : ['Choose In progress or Done.']),
      ...(note.length > MAX_OWNER_NOTE
        ? [`Shorten the progress note to at most ${MAX_OWNER_NOTE} characters (it has ${note.length}).`]
        : []),
      ...(Number.isInteger(version) && version > 0
        ? []
        : ['The page lost track of which version it showed: open the link from your email again.']),
    ];
    try {
      if (problems.length > 0) {
        const view = await deps!.owners.open(id, link.email);
        const notice: PageNotice = { kind: 'problem', text: 'Nothing was saved yet.', details: problems };
        return send(c, actionOwnerPage(view, { today: today(), selfUrl: here, notice, draft }), 400);
      }
      const saved = await deps!.owners.update(id, link.email, { status: status!, note, version }, today());
      const words = status === 'done' ? 'done' : 'in progress';
      const notice: PageNotice = {
        kind: 'done',
        text: `Saved: the action is ${words}${note.trim() ? ', with your note' : ''}. The group sees it in Partnership Records now.`,
      };
      return send(c, actionOwnerPage(saved, { today: today(), selfUrl: here, notice }));
    } catch (error) {
      const page = refused(c, error);
      if (page) return page;
      if (error instanceof VersionConflictError && error.current) {
        const view = await deps!.owners.open(id, link.email);
        const notice: PageNotice = {
          kind: 'problem',
          text: `Not saved: this action was changed by ${whoAndWhen(error.current.updatedBy, error.current.updatedAt)}, after you opened this page. Here it is as it stands now. Your choice and note are kept below: check them against the action and save again.`,
        };
        return send(c, actionOwnerPage(view, { today: today(), selfUrl: here, notice, draft }), 409);
      }
      if (error instanceof ValidationFailedError) {
        const view = await deps!.owners.open(id, link.email);
        const notice: PageNotice = {
          kind: 'problem',
          text: 'Not saved: the action would not be valid.',
          details: error.errors.map((e) => `${e.field}: ${e.message}`),
        };
        return send(c, actionOwnerPage(view, { today: today(), selfUrl: here, notice, draft }), 422);
      }
      throw error;
    }
  });

  return { name: 'action-links', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** The owners' action pages in the OpenAPI document (build time only: see operation-doc.ts). */
export function actionLinkOperations(): OperationDoc[] {
  const html = (description: string) => ({
    description,
    content: { 'text/html': { schema: { type: 'string', maxLength: 200_000 } } },
  });
  const parameters = {
    id: 'The action (it must be the one the token was made for)',
    token: 'The signed token from the link in the reminder email (valid 30 days)',
  };
  return [
    {
      route: showActionPage,
      operationId: 'showActionOwnerPage',
      tags: ['Reminders'],
      access: 'public',
      summary: "The owner's page of one action, behind the link in their reminder",
      description:
        'No sign-in: the signed token names the owner and this one action, and opens nothing else. A page (no script) with the action, its group, due date and notes, and a form to set it in progress or done with a progress note. 400 for a damaged link or one for another action, 403 when the person no longer owns it, 410 for an old link or a removed action, each as a page that says what to do.',
      parameters,
      parameterExamples: { id: 'map-youth-services', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln' },
      responses: {
        200: html('The page'),
        400: html('The link is damaged, incomplete or for another action'),
        403: html('The person no longer owns the action'),
        410: html('The link is too old, or the action was removed'),
      },
      problems: [503],
    },
    {
      route: saveActionPage,
      operationId: 'saveActionOwnerPage',
      tags: ['Reminders'],
      access: 'public',
      summary: "Save the owner's update of their action",
      description:
        "The page's form: in-progress or done, a progress note and the version the page showed. Saved through the records' write path, named '<email> (by emailed link)' in the history; a change made since the page was opened is a 409 page that explains it and keeps what the person wrote.",
      parameters,
      parameterExamples: { id: 'map-youth-services', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln' },
      body: {
        example: { status: 'done', note: 'Met the youth hub; list sent', version: '3' },
        media: ['application/x-www-form-urlencoded'],
      },
      responses: {
        200: html('Saved; the page again'),
        400: html('A choice is missing or the link is wrong; nothing saved'),
        403: html('The person no longer owns the action'),
        409: html('The action changed after the page was opened; nothing saved'),
        410: html('The link is too old, or the action was removed'),
        422: html('The action would not be valid; nothing saved'),
      },
      problems: [503],
    },
  ];
}
