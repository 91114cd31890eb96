import { escapeHtml } from '../html/escape-html.ts';

/** What the digest settings page needs to know and do; the public API gives it the table. */
export interface DigestSubscriptions {
  isUnsubscribed(email: string, groupId: string): Promise<boolean>;
  unsubscribe(email: string, groupId: string, by: string): Promise<void>;
  groupName(groupId: string): Promise<string | undefined>;
}

/** The settings page's subscriptions over the unsubscribe store and the group records. */
export function digestSubscriptions(
  unsubscribes: Pick<DigestSubscriptions, 'isUnsubscribed' | 'unsubscribe'>,
  store: {
    get(
      type: string,
      id: string,
    ): Promise<{ values: Record<string, unknown>; deletedAt?: string } | undefined>;
  },
): DigestSubscriptions {
  return {
    isUnsubscribed: (email, groupId) => unsubscribes.isUnsubscribed(email, groupId),
    unsubscribe: (email, groupId, by) => unsubscribes.unsubscribe(email, groupId, by),
    groupName: async (groupId) => {
      const group = await store.get('lec-group', groupId);
      return group && !group.deletedAt ? String(group.values.name) : undefined;
    },
  };
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}' +
  'button{font-size:1rem;padding:.5rem 1.25rem;min-height:44px}' +
  '.saved{background:#e6f4ea;border:1px solid #2e7d32;padding:.5rem 1rem;border-radius:6px}';

/**
 * The page behind a digest's "unsubscribe" link. A GET only shows it (mail scanners follow links);
 * the button posts the same one-click form a mail client sends (RFC 8058). Getting the digest
 * again needs consent given again, which the group's co-ordinator records.
 */
export function digestSettingsPage(
  email: string,
  groupName: string,
  token: string,
  state: 'subscribed' | 'unsubscribed' | 'just-unsubscribed',
): string {
  const body =
    state === 'subscribed'
      ? `<p>You get the <strong>${escapeHtml(groupName)}</strong> digest at <strong>${escapeHtml(email)}</strong>.</p>
<form method="post"><input type="hidden" name="token" value="${escapeHtml(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop the ${escapeHtml(groupName)} digest</button></form>
<p>Other groups’ digests and any reminders about actions you own are not affected.</p>`
      : `<p class="saved" role="status">${state === 'just-unsubscribed' ? 'Unsubscribed. ' : ''}You will get no more of the <strong>${escapeHtml(groupName)}</strong> digest at ${escapeHtml(email)}, from its next issue on.</p>
<p>To have it again, tell the group’s co-ordinator (their address is at the foot of every digest): they record your consent afresh.</p>`;
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Your LEC digest</title><style>${STYLE}</style></head><body><main><h1>Your LEC digest</h1>${body}</main></body></html>`;
}
