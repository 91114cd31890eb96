import type { DigestDecision, DigestPreview } from '../../../functions/digest/digest-preview-view.ts';
import { escapeHtml } from '../../../functions/html/escape-html.ts';

/** What the next run does for a member, in words staff can act on. */
export const DECISION_WORDS: Record<DigestDecision, string> = {
  send: 'Gets it',
  'no-consent': 'Not sent: no consent recorded (record when and how they agreed on their membership)',
  'consent-withdrawn': 'Not sent: they withdrew consent',
  unsubscribed: "Not sent: they unsubscribed from this group's digest",
  'already-sent': "Not sent again: they had this period's digest",
  'nothing-new': 'No email: nothing new since their last digest',
  'no-authoriser':
    'Waits: nobody is named to authorise it (a co-ordinator with an email on the group, or the region’s CEG team email)',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The counts of each decision, "2 get it, 1 not sent: no consent recorded …", in the table's order. */
export function decisionCounts(preview: DigestPreview): string {
  const counts = new Map<DigestDecision, number>();
  for (const r of preview.recipients) counts.set(r.decision, (counts.get(r.decision) ?? 0) + 1);
  if (counts.size === 0) return 'The group has no members with an email address.';
  return [...counts]
    .map(([decision, n]) =>
      decision === 'send'
        ? `${plural(n, 'member gets', 'members get')} it`
        : `${n}: ${DECISION_WORDS[decision]}`,
    )
    .join('; ');
}

/**
 * The preview as a page for the add-on's dialog: the period, who authorises it, every member
 * and what the run does for them, and the first digest's subject and text. All text from the
 * API is escaped; the sample is shown as text, so nothing in it runs or loads in the dialog.
 */
export function digestPreviewPage(preview: DigestPreview): string {
  const p = preview.period;
  const authoriser = preview.authoriser
    ? `Sent on behalf of ${escapeHtml(preview.authoriser.name)}, ${escapeHtml(preview.authoriser.role)} (replies go to ${escapeHtml(preview.authoriser.email)}).`
    : 'Nobody can authorise it yet: record a co-ordinator with an email on the group, or the CEG regional team’s email on the region.';
  const rows = preview.recipients
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.name ?? '')}<br><small>${escapeHtml(r.email)}</small></td><td>${escapeHtml(r.organisation ?? '')}</td><td>${escapeHtml(DECISION_WORDS[r.decision] ?? r.decision)}${r.decision === 'send' && r.newItems !== undefined ? ` (${escapeHtml(plural(r.newItems, 'new thing'))})` : ''}</td></tr>`,
    )
    .join('');
  const sample = preview.sample
    ? `<h2>What ${escapeHtml(preview.sample.to)} would read</h2>
<p>Subject: <strong>${escapeHtml(preview.sample.subject)}</strong></p>
<p><small>Their own links (unsubscribe, web version, group calendar, their actions) are placeholders here.</small></p>
<pre>${escapeHtml(preview.sample.text)}</pre>`
    : '<p>Nobody would get a digest from this run, so there is nothing to show.</p>';
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><base target="_blank"><style>
body{font-family:Arial,sans-serif;font-size:13px;color:#202124;margin:0 4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border-bottom:1px solid #dadce0;padding:4px}
pre{white-space:pre-wrap;background:#f8f9fa;border:1px solid #dadce0;padding:8px;font-size:12px}
h2{font-size:14px;margin:16px 0 4px}
</style></head><body>
<p><strong>${escapeHtml(preview.groupName)}</strong>: the ${escapeHtml(p.frequency)} digest for ${escapeHtml(p.label)} (${escapeHtml(p.start)} to ${escapeHtml(p.end)}). This is a preview: nothing has been sent.</p>
<p>${authoriser}</p>
<p>${escapeHtml(decisionCounts(preview))}</p>
<table><thead><tr><th scope="col">Member</th><th scope="col">Organisation</th><th scope="col">Next run</th></tr></thead><tbody>${rows}</tbody></table>
${sample}
</body></html>`;
}
