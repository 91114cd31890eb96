import type { PreferencesChange, ReminderPreferences } from './kinds.ts';
import type { ReminderWorld } from './planner.ts';

/** Where the reminders job reads the records and people it plans from. */
export interface ReminderSource {
  load(today: string): Promise<ReminderWorld>;
}

/** Each person's chosen cadence per kind; people who never chose get the defaults. */
export interface PreferenceStore {
  get(email: string): Promise<ReminderPreferences>;
  /** Many at once, for the job. */
  getMany(emails: readonly string[]): Promise<Map<string, ReminderPreferences>>;
  update(email: string, change: PreferencesChange, by: string): Promise<ReminderPreferences>;
}

/**
 * The sent log: one entry per person, day and item, plus one per person and day for the email.
 * Written with conditional writes, so two runs (a retry, a second `npm run reminders`) cannot both
 * claim the same person's day: the loser sends nothing.
 */
export interface SentLog {
  /** Claims the person's email of the day and its items; false when the day is already claimed. */
  claim(email: string, day: string, itemKeys: readonly string[], at: string): Promise<boolean>;
  /** Records the transport's message id once the email is accepted. */
  markSent(email: string, day: string, messageId: string, at: string): Promise<void>;
  /** Gives a claim back after the transport refused the email, so a later run may try again. */
  release(email: string, day: string, itemKeys: readonly string[]): Promise<void>;
  /** What was sent to a person on a day: the item keys, empty when nothing. */
  sentItems(email: string, day: string): Promise<string[]>;
}
