import { html, raw } from 'hono/html';
import { daysBetween } from '../aggregate/calendar.ts';
import { MAX_OWNER_NOTE, type OwnedAction, type OwnerStatus } from '../domain/action-owner-service.ts';
import { type Html, page } from '../public-site/layout.ts';
import { longDate } from '../public-site/nz-dates.ts';

/** How statuses read on the page. */
const STATUS_WORDS: Record<string, string> = {
  open: 'Open, not started',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

const CHOICES: { status: OwnerStatus; label: string }[] = [
  { status: 'in-progress', label: 'In progress' },
  { status: 'done', label: 'Done' },
];

/** What the page says above the action after a visit's POST, or why the link cannot be used. */
export interface PageNotice {
  kind: 'done' | 'problem';
  text: string;
  /** More lines under the first (the fields to fix, what changed). */
  details?: string[];
}

function due(dueOn: string, status: string, today: string): string {
  const left = daysBetween(today, dueOn);
  const when = longDate(dueOn);
  if (status === 'done' || status === 'cancelled') return when;
  if (left < 0) return `${when}: overdue by ${-left} day${left === -1 ? '' : 's'}`;
  if (left === 0) return `${when}: today`;
  return `${when}: in ${left} day${left === 1 ? '' : 's'}`;
}

function notice(n: PageNotice | undefined): Html | string {
  if (!n) return '';
  return html`<div class="notice ${n.kind}" role="${n.kind === 'problem' ? 'alert' : 'status'}"><p>${n.text}</p>${
    n.details?.length ? html`<ul>${n.details.map((d) => html`<li>${d}</li>`)}</ul>` : ''
  }</div>`;
}

/**
 * The owner's page of one action, behind the signed link in their reminder: what the action is,
 * for which group and when it is due, and a form (no JavaScript) to set it in progress or done
 * with a progress note. The form posts back to the same signed address with the version shown,
 * so a change made meanwhile is reported, never overwritten.
 */
export function actionOwnerPage(
  view: OwnedAction,
  options: {
    today: string;
    /** The page's own address (with its token): where the form posts. */
    selfUrl: string;
    notice?: PageNotice;
    /** What the person had chosen and written, kept after a conflict or a refusal. */
    draft?: { status?: OwnerStatus; note?: string };
  },
): Html {
  const { action, groupName, coordinator } = view;
  const v = action.values;
  const title = v.title as string;
  const status = v.status as string;
  const chosen = options.draft?.status ?? (status === 'done' ? 'done' : 'in-progress');
  const closed = status === 'cancelled';
  return page(
    {
      title: `Your action: ${title}`,
      description: `An action of ${groupName} you own, and where it stands.`,
      standalone: true,
    },
    html`<p class="meta">${groupName} · an action you own</p>
<h1>${title}</h1>
${notice(options.notice)}
<dl class="facts">
<dt>LEC group</dt><dd>${groupName}</dd>
<dt>Due</dt><dd>${due(v.dueOn as string, status, options.today)}</dd>
<dt>Where it stands</dt><dd>${STATUS_WORDS[status] ?? status}${v.completedOn ? `, on ${longDate(v.completedOn as string)}` : ''}</dd>
<dt>Owner</dt><dd>You (${v.ownerEmail as string})</dd>
${coordinator ? html`<dt>Co-ordinator</dt><dd>${coordinator}</dd>` : ''}
<dt>Progress notes</dt><dd class="notes">${(v.notes as string | undefined) ?? 'None yet.'}</dd>
</dl>
${
  closed
    ? html`<p>This action was cancelled. Ask the co-ordinator of ${groupName} if it should be reopened.</p>`
    : html`<h2 id="update-heading">Update it</h2>
<form class="update" method="post" action="${options.selfUrl}" aria-labelledby="update-heading">
<input type="hidden" name="version" value="${action.version}">
<fieldset class="choices"><legend>Where it stands now</legend>
${CHOICES.map(
  (c) =>
    html`<label><input type="radio" name="status" value="${c.status}"${chosen === c.status ? raw(' checked') : ''}> ${c.label}</label>`,
)}
</fieldset>
<div><label for="note">Progress note (optional)</label>
<p class="hint" id="note-hint">What was done, or what is still in the way. It is added to the action's notes with today's date and your email.</p>
<textarea id="note" name="note" rows="4" maxlength="${MAX_OWNER_NOTE}" aria-describedby="note-hint">${options.draft?.note ?? ''}</textarea></div>
<button type="submit">Save</button>
</form>`
}
<p class="meta">This page is for ${v.ownerEmail as string} only: it opens this one action and nothing else, without signing in. Do not forward the email.</p>`,
  );
}

/** A link that cannot be used (expired, altered, no longer the owner's): what is wrong and what to do. */
export function actionLinkProblemPage(message: string): Html {
  return page(
    { title: 'Your action', description: 'A link to an action that cannot be used.', standalone: true },
    html`<h1>This link cannot be used</h1>
<div class="notice problem" role="alert"><p>${message}</p></div>`,
  );
}
