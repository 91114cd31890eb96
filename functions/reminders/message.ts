import { escapeHtml } from '../html/escape-html.ts';
import type { OutgoingEmail } from '../mail/outgoing-email.ts';
import { REMINDER_KINDS, type ReminderKind } from './kinds.ts';
import { dateInWords, type ReminderItem, type ReminderPlan } from './planner.ts';

/** Section headings, in the order sections appear. */
const HEADINGS: Record<ReminderKind, string> = {
  actions: 'Actions you own',
  'agreement-reviews': 'Agreements to review',
  'sign-offs': 'Waiting for your sign-off',
  'weekly-activities': "Last week's activities",
  'quarterly-report': 'Quarterly progress report',
};

/** What following an item's link lets the person do, said under the item. */
const LINK_WORDS: Partial<Record<ReminderKind, string>> = {
  actions: 'Open it to mark it in progress or done, with a progress note (no sign-in needed):',
};

function sections(items: readonly ReminderItem[]): [ReminderKind, ReminderItem[]][] {
  return REMINDER_KINDS.map(
    (kind) => [kind, items.filter((i) => i.kind === kind)] as [ReminderKind, ReminderItem[]],
  ).filter(([, list]) => list.length > 0);
}

function subjectOf(plan: ReminderPlan, today: string): string {
  const count = plan.items.length;
  const things = `${count} thing${count === 1 ? '' : 's'}`;
  return plan.digestOnly
    ? `Partnership Records: your week ahead, ${things} to look at (${dateInWords(today)})`
    : `Partnership Records: ${things} need${count === 1 ? 's' : ''} you today (${dateInWords(today)})`;
}

/**
 * The reminder email in plain words: a greeting, one section per kind, each item with what is
 * due and a link, then how to change what arrives. Text and HTML say the same.
 */
export function composeReminderEmail(
  plan: ReminderPlan,
  today: string,
  links: {
    /** Each item's page address, for this person (SitePages.urlFor). */
    urlOf: (item: ReminderItem) => string;
    /** This person's settings page for reminder emails (SitePages.settings). */
    settingsUrl: string;
    notShown?: number;
  },
): OutgoingEmail {
  const greeting = `Kia ora ${plan.person.name ?? plan.person.email},`;
  const intro = plan.digestOnly
    ? 'Here is what needs you this week in Partnership Records.'
    : 'Here is what needs you today in Partnership Records.';
  const footer =
    'You get this email because these records name you. To turn a kind of reminder off, or to get it once a week on Mondays instead of daily, open your reminder settings (no sign-in needed):';

  const textParts = [greeting, '', intro, ''];
  const htmlParts = [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(intro)}</p>`];
  for (const [kind, list] of sections(plan.items)) {
    textParts.push(HEADINGS[kind], '-'.repeat(HEADINGS[kind].length));
    htmlParts.push(`<h2 style="font-size:1.1em">${escapeHtml(HEADINGS[kind])}</h2>`, '<ul>');
    for (const item of list) {
      const url = links.urlOf(item);
      const linkWords = LINK_WORDS[kind];
      textParts.push(
        `* ${item.title}`,
        `  ${item.detail}`,
        ...(linkWords ? [`  ${linkWords}`] : []),
        `  ${url}`,
        '',
      );
      htmlParts.push(
        `<li><a href="${escapeHtml(url)}">${escapeHtml(item.title)}</a><br>${escapeHtml(item.detail)}${linkWords ? ` <a href="${escapeHtml(url)}">Update this action</a>.` : ''}</li>`,
      );
    }
    htmlParts.push('</ul>');
  }
  if (links.notShown) {
    const line = `…and ${links.notShown} more, less urgent. Open Partnership Records to see them all.`;
    textParts.push(line, '');
    htmlParts.push(`<p>${escapeHtml(line)}</p>`);
  }
  textParts.push(footer, links.settingsUrl, '');
  htmlParts.push(
    `<p style="color:#555">${escapeHtml(footer)} <a href="${escapeHtml(links.settingsUrl)}">reminder settings</a>.</p>`,
  );
  const subject = subjectOf(plan, today);
  return {
    to: plan.person.email,
    kind: 'reminders',
    subject,
    text: textParts.join('\n'),
    html: `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.4">${htmlParts.join('\n')}</body></html>`,
    settingsUrl: links.settingsUrl,
  };
}
