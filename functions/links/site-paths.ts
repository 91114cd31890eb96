/**
 * Where the pages that emails link to live. Two sites carry them:
 *
 * - the **partner site** (the dashboard's CloudFront site; `/dashboard` under the API locally),
 *   whose record and council pages sign in with OIDC and PKCE like the sign-off page;
 * - the **link pages** on the API's public function, which need no sign-in because a signed,
 *   expiring token in the address names the one person (and, for an action, the one action).
 *
 * This module has no dependencies, so the browser pages and the Lambda functions share it; the
 * signing half is in site-pages.ts. No email links under /v1/: those are the API's, not pages.
 */

/** A record's page: `/records/<type path>/<id>` on the partner site. */
export const RECORD_PAGES = '/records';
/** A Taskforce council's partnership page: `/councils/<id>` on the partner site. */
export const COUNCIL_PAGES = '/councils';
/** The owner's page of one action, opened with a signed link: `/links/actions/<id>?token=`. */
export const ACTION_LINK_PAGES = '/links/actions';
/** A person's email settings, and every email's one-click unsubscribe address (`?token=`). */
export const SETTINGS_PAGE = '/reminders/preferences';

/** A digest as it was sent, for the member to reopen (`?token=`, on the link pages). */
export const DIGEST_WEB_PAGE = '/digest/web';
/** A member's LEC group calendar, public and members-only events (`?token=`, on the link pages). */
export const GROUP_CALENDAR_PATH = '/digest/calendar.ics';

/** The path of a record's page, relative to the partner site's root. */
export function recordPagePath(typePath: string, id: string): string {
  return `${RECORD_PAGES}/${typePath}/${encodeURIComponent(id)}`;
}

export function councilPagePath(councilId: string): string {
  return `${COUNCIL_PAGES}/${encodeURIComponent(councilId)}`;
}

export function actionLinkPath(actionId: string): string {
  return `${ACTION_LINK_PAGES}/${encodeURIComponent(actionId)}`;
}

/**
 * Where the partner site sends a record or council address: the page file and its query
 * (`record.html?record=<type path>/<id>`, `council.html?council=<id>`), relative to the site's
 * `partners/` folder; undefined for any other path. Locally the dashboard extension redirects
 * with it; in the cloud a CloudFront function does the same (infra/lib/dashboard-site.ts).
 */
export function recordOrCouncilPage(pathname: string): string | undefined {
  const named = readPagePath(pathname);
  if (!named) return undefined;
  return named.page === 'record'
    ? `record.html?record=${encodeURIComponent(`${named.typePath}/${named.id}`)}`
    : `council.html?council=${encodeURIComponent(named.id)}`;
}

/** What a record or council page address names, or undefined for any other path. */
export function readPagePath(
  pathname: string,
): { page: 'record'; typePath: string; id: string } | { page: 'council'; id: string } | undefined {
  const parts = pathname.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    if (`/${parts[i]}` === RECORD_PAGES && parts.length === i + 3) {
      return { page: 'record', typePath: parts[i + 1]!, id: decodeURIComponent(parts[i + 2]!) };
    }
    if (`/${parts[i]}` === COUNCIL_PAGES && parts.length === i + 2) {
      return { page: 'council', id: decodeURIComponent(parts[i + 1]!) };
    }
  }
  return undefined;
}
