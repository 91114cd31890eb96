import type { EmailKind } from './email-kinds.ts';
import type { SignedLinks } from './signed-links.ts';
import {
  actionLinkPath,
  councilPagePath,
  DIGEST_WEB_PAGE,
  GROUP_CALENDAR_PATH,
  recordPagePath,
  SETTINGS_PAGE,
} from './site-paths.ts';

/** What a line of an email links to; the address is made by SitePages for the person it goes to. */
export type PageLink =
  | { page: 'record'; typePath: string; id: string }
  | { page: 'council'; id: string }
  /** The owner's page of an action, through a link signed for the email's recipient. */
  | { page: 'action'; id: string };

export interface SitePagesOptions {
  /** The partner site's root, without a trailing slash (locally `http://localhost:3000/dashboard`). */
  siteUrl: string;
  /** Where the signed-link pages answer: the people's API, without a trailing slash. */
  linkPagesUrl: string;
  links: SignedLinks;
}

/**
 * The one place email addresses of pages are made: every email (reminders, digests) builds its
 * links here, so every link opens a page (never an address under /v1/), and links that need no
 * sign-in are signed for exactly one person.
 */
export class SitePages {
  readonly siteUrl: string;
  readonly linkPagesUrl: string;

  constructor(private readonly options: SitePagesOptions) {
    this.siteUrl = options.siteUrl.replace(/\/$/, '');
    this.linkPagesUrl = options.linkPagesUrl.replace(/\/$/, '');
  }

  /** A record's page, signed in (OIDC) like the partner pages. */
  record(typePath: string, id: string): string {
    return `${this.siteUrl}${recordPagePath(typePath, id)}`;
  }

  /** A Taskforce council's partnership page. */
  council(councilId: string): string {
    return `${this.siteUrl}${councilPagePath(councilId)}`;
  }

  /** The owner's page of one action: a signed, expiring link for that person and that action. */
  async action(email: string, actionId: string, now = new Date()): Promise<string> {
    const token = await this.options.links.actionToken(email, actionId, now);
    return `${this.linkPagesUrl}${actionLinkPath(actionId)}?token=${encodeURIComponent(token)}`;
  }

  /**
   * A person's settings page for one kind of email. The same address is the email's
   * `List-Unsubscribe`: a GET shows the settings, a one-click POST turns the kind off (RFC 8058).
   */
  async settings(email: string, kind: EmailKind, now = new Date()): Promise<string> {
    const token = await this.options.links.settingsToken(email, kind, now);
    return `${this.linkPagesUrl}${SETTINGS_PAGE}?token=${encodeURIComponent(token)}`;
  }

  /** A member's settings for one LEC group's digest; also that digest's one-click unsubscribe. */
  async digestSettings(email: string, groupId: string, now = new Date()): Promise<string> {
    const token = await this.options.links.settingsToken(email, 'digest', now, groupId);
    return `${this.linkPagesUrl}${SETTINGS_PAGE}?token=${encodeURIComponent(token)}`;
  }

  /** The web version of the digest a member was sent for one group and period. */
  async digestWebVersion(email: string, groupId: string, period: string, now = new Date()): Promise<string> {
    const token = await this.options.links.groupToken(email, 'digestWeb', groupId, now, period);
    return `${this.linkPagesUrl}${DIGEST_WEB_PAGE}?token=${encodeURIComponent(token)}`;
  }

  /** A member's calendar of their LEC group: public and members-only events (https, for subscribing). */
  async groupCalendar(email: string, groupId: string, now = new Date()): Promise<string> {
    const token = await this.options.links.groupToken(email, 'groupCalendar', groupId, now);
    return `${this.linkPagesUrl}${GROUP_CALENDAR_PATH}?token=${encodeURIComponent(token)}`;
  }

  /** The address of a line's link, for the person the email goes to. */
  async urlFor(link: PageLink, email: string, now = new Date()): Promise<string> {
    switch (link.page) {
      case 'record':
        return this.record(link.typePath, link.id);
      case 'council':
        return this.council(link.id);
      case 'action':
        return this.action(email, link.id, now);
    }
  }
}
