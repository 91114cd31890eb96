import * as z from 'zod/mini';
import '../zod-english.ts';

/** What a person can be reminded of, each of which they can turn off or take weekly. */
export const REMINDER_KINDS = [
  'actions',
  'agreement-reviews',
  'sign-offs',
  'weekly-activities',
  'quarterly-report',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** How often a kind arrives: with the daily email, in the Monday digest, or never. */
export const CADENCES = ['daily', 'weekly', 'off'] as const;
export type Cadence = (typeof CADENCES)[number];

export type ReminderPreferences = Record<ReminderKind, Cadence>;

/**
 * A person's reminder settings as the API shows them (GET /v1/me/reminder-preferences), each kind
 * in words with its cadence; the Sheets add-on's settings panel reads this very type.
 */
export interface ReminderSettings {
  email: string;
  preferences: ReminderPreferences;
  kinds: { kind: ReminderKind; label: string; cadence: Cadence }[];
}

/** The words people see for each kind, in emails, on the preferences page and in the add-on. */
export const KIND_LABELS: Record<ReminderKind, string> = {
  actions: 'LEC actions you own that are due within 7 days or overdue',
  'agreement-reviews': 'Agreements whose review date is within 30 days or past',
  'sign-offs': 'Communications, publicity and agreements awaiting your sign-off',
  'weekly-activities': "Last week's activities not yet recorded (Mondays)",
  'quarterly-report': "Your region's quarterly progress report, in the last two weeks of a quarter",
};

/** Everyone gets every kind daily until they choose otherwise. */
export function defaultPreferences(): ReminderPreferences {
  return Object.fromEntries(REMINDER_KINDS.map((kind) => [kind, 'daily'])) as ReminderPreferences;
}

/** A change to some kinds' cadence, as sent by the API, the add-on or the preferences page. */
export const preferencesChangeSchema = z.strictObject(
  Object.fromEntries(
    REMINDER_KINDS.map((kind) => [
      kind,
      z.optional(z.enum(CADENCES, { error: `expected one of: ${CADENCES.join(', ')}` })),
    ]),
  ) as Record<
    ReminderKind,
    z.ZodMiniOptional<z.ZodMiniEnum<{ daily: 'daily'; weekly: 'weekly'; off: 'off' }>>
  >,
);
export type PreferencesChange = z.infer<typeof preferencesChangeSchema>;

/** The Monday digest: weekly kinds are gathered into the email of the first day of the week. */
export const DIGEST_WEEKDAY = 1;
