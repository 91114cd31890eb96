/**
 * The kinds of email the system sends. Each email carries its kind in its settings link, which is
 * also its one-click unsubscribe address (RFC 8058): a one-click POST turns that kind off for that
 * person, and nothing else. A new kind of email adds its name and words here, and its switch to
 * the `OneClickUnsubscribe` map the settings routes are given (functions/api/routes/reminders.ts).
 */
export const EMAIL_KINDS = ['reminders', 'digest'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** What a person stops receiving when they unsubscribe from a kind, in the words the page shows. */
export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  reminders: 'reminder emails (actions, reviews, sign-offs, activities, the quarterly report)',
  digest: 'the LEC group digest (good practice, labour market figures, events and the group\u2019s actions)',
};

export function isEmailKind(value: unknown): value is EmailKind {
  return typeof value === 'string' && (EMAIL_KINDS as readonly string[]).includes(value);
}

/**
 * Turns one kind of email off for one person; `by` names who did it for the record
 * (`link:<email>` for the person themselves through their link). `scope` is what the link was
 * signed for within the kind: the LEC group, for a digest (each group's digest is its own list).
 */
export type UnsubscribeFrom = (email: string, by: string, scope?: string) => Promise<void>;
export type OneClickUnsubscribe = Record<EmailKind, UnsubscribeFrom>;
