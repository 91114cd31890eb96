import { newZealandDate } from '../aggregate/calendar.ts';
import { isIsoDate } from '../domain/iso-date.ts';

/** What starts a run: the scheduler sends its scheduled time; a person may name a day. */
export interface ReminderEvent {
  /** YYYY-MM-DD: plan (or re-run) the reminders of this New Zealand day. */
  day?: string;
  /** ISO timestamp from EventBridge Scheduler. */
  scheduledTime?: string;
  source?: string;
}

/** Raised for an event whose day cannot be used; retrying would never help. */
class BadReminderEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadReminderEventError';
  }
}

/**
 * The New Zealand day a run is for: the event's `day`, else the New Zealand date of the scheduled
 * time (07:00 there is the evening before in UTC, 18:00 or 19:00 depending on daylight saving), so
 * a retry hours later still counts as the same day and finds that day's sent log.
 */
export function reminderDayFor(event: ReminderEvent | undefined, now: Date = new Date()): string {
  if (event?.day !== undefined) {
    if (!isIsoDate(event.day)) {
      throw new BadReminderEventError(
        `The event's "day" must be a real date like 2026-11-23, got ${JSON.stringify(event.day)}.`,
      );
    }
    return event.day;
  }
  if (event?.scheduledTime) {
    const scheduled = new Date(event.scheduledTime);
    if (Number.isNaN(scheduled.getTime())) {
      throw new BadReminderEventError(
        `The event's "scheduledTime" is not a timestamp: ${JSON.stringify(event.scheduledTime)}.`,
      );
    }
    return newZealandDate(scheduled);
  }
  return newZealandDate(now);
}
