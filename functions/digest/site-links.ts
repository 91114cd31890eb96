import type { SitePages } from '../links/site-pages.ts';
import type { DigestMemberLinks, DigestPages } from './digest-email.ts';
import type { DigestLinkSigner } from './send-digests.ts';

/**
 * Where a digest's items link, built on the one page-address module (SitePages): public events
 * and the region's profile on the public website, the dashboard on the partner site, and the
 * member's own signed links (settings and one-click unsubscribe per group, the web version,
 * the group calendar, the owner's page of each action they own).
 */
export function digestPages(partnerSiteUrl: string, publicSiteUrl: string): DigestPages {
  const site = publicSiteUrl.replace(/\/$/, '');
  const partners = partnerSiteUrl.replace(/\/$/, '');
  return {
    // Members do not sign in: practices and ventures are told in full in the web version.
    knowledgeItem: () => undefined,
    event: (event) => (event.openToPublic ? `${site}/events/${encodeURIComponent(event.id)}` : undefined),
    regionProfile: (regionId) => `${site}/regions/${encodeURIComponent(regionId)}`,
    // The dashboard's public figures (the partner site's home page).
    dashboard: () => `${partners}/`,
    knowledgeBase: () => `${partners}/partners/knowledge.html`,
  };
}

export function digestLinkSigner(sitePages: SitePages): DigestLinkSigner {
  return {
    async memberLinks(recipient, periodStart, now, ownedActionIds): Promise<DigestMemberLinks> {
      const [unsubscribe, webVersion, groupCalendar, ...actions] = await Promise.all([
        sitePages.digestSettings(recipient.email, recipient.groupId, now),
        sitePages.digestWebVersion(recipient.email, recipient.groupId, periodStart, now),
        sitePages.groupCalendar(recipient.email, recipient.groupId, now),
        ...ownedActionIds.map((id) => sitePages.action(recipient.email, id, now)),
      ]);
      return {
        unsubscribe,
        webVersion,
        groupCalendar,
        ownActions: new Map(ownedActionIds.map((id, i) => [id, actions[i]!])),
      };
    },
  };
}
