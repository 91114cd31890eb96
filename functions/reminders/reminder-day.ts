import { scheduledRunDay } from '../domain/new-zealand-day.ts';

/** What starts a run: the scheduler sends its scheduled time; a person may name a day. */
export interface ReminderEvent {
  /** YYYY-MM-DD: plan (or re-run) the reminders of this New Zealand day. */
  day?: string;
  /** ISO timestamp from EventBridge Scheduler. */
  scheduledTime?: string;
  source?: string;
}

/**
 * The New Zealand day a run is for: the event's `day`, else the New Zealand date of the scheduled
 * time (07:00 there is the evening before in UTC, 18:00 or 19:00 depending on daylight saving), so
 * a retry hours later still counts as the same day and finds that day's sent log.
 */
export function reminderDayFor(event: ReminderEvent | undefined, now: Date = new Date()): string {
  return scheduledRunDay(event, 'day', now);
}
