import { escapeHtml } from '../html/escape-html.ts';
import { CADENCES, type Cadence, KIND_LABELS, REMINDER_KINDS, type ReminderPreferences } from './kinds.ts';

const CADENCE_WORDS: Record<Cadence, string> = {
  daily: 'Daily',
  weekly: 'Weekly (Mondays)',
  off: 'Off',
};

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}' +
  'fieldset{border:1px solid #bbb;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}legend{font-weight:600}' +
  'label{margin-right:1.25rem;white-space:nowrap}button{font-size:1rem;padding:.5rem 1.25rem}' +
  '.saved{background:#e6f4ea;border:1px solid #2e7d32;padding:.5rem 1rem;border-radius:6px}' +
  '.problem{background:#fdecea;border:1px solid #c62828;padding:.5rem 1rem;border-radius:6px}';

const DONE_WORDS = {
  saved: 'Saved. Your next reminder email follows these settings.',
  unsubscribed:
    'Unsubscribed: you will get no more reminder emails. To have some of them again, choose daily or weekly below and save.',
} as const;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** The settings form a reminder email links to: one choice per kind, kept by the signed token. */
export function preferencesPage(
  email: string,
  preferences: ReminderPreferences,
  token: string,
  done?: 'saved' | 'unsubscribed',
): string {
  const fieldsets = REMINDER_KINDS.map((kind) => {
    const options = CADENCES.map(
      (cadence) =>
        `<label><input type="radio" name="${kind}" value="${cadence}"${preferences[kind] === cadence ? ' checked' : ''}> ${CADENCE_WORDS[cadence]}</label>`,
    ).join('');
    return `<fieldset><legend>${escapeHtml(KIND_LABELS[kind])}</legend>${options}</fieldset>`;
  }).join('');
  return page(
    'Your reminder settings',
    `${done ? `<p class="saved" role="status">${DONE_WORDS[done]}</p>` : ''}
<p>Reminders for <strong>${escapeHtml(email)}</strong>. Daily reminders come at 7 in the morning, New Zealand time, only on days something needs you; weekly ones are gathered into Monday's email.</p>
<form method="post"><input type="hidden" name="token" value="${escapeHtml(token)}">${fieldsets}<button type="submit">Save</button></form>`,
  );
}

/** A link that cannot be used: what is wrong and what to do instead. */
export function preferencesProblemPage(message: string): string {
  return page('Your reminder settings', `<p class="problem" role="alert">${escapeHtml(message)}</p>`);
}
