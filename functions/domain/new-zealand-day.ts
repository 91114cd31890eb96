import { isIsoDate } from './iso-date.ts';

// en-CA formats as YYYY-MM-DD. Built once: formatters are costly to make and used per record.
const NEW_ZEALAND_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Pacific/Auckland',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar date (YYYY-MM-DD) in New Zealand, where every user of the system works, at
 * `instant` (default: now). The one definition of "today" for rules, reports, reminders and pages.
 */
export function newZealandDate(instant: Date = new Date()): string {
  return NEW_ZEALAND_DAY.format(instant);
}

/** A scheduled job's event names a day the job cannot use; retrying would never help. */
export class BadScheduledEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadScheduledEventError';
  }
}

/**
 * The New Zealand day a scheduled job (the nightly aggregation, the morning reminders) works on:
 * the day a person named in its event under `field`, else the New Zealand date of the time the
 * scheduler meant it to start, so a retry hours later still works on the same day, else today.
 */
export function scheduledRunDay<E extends { scheduledTime?: string }>(
  event: E | undefined,
  field: keyof E & string,
  now: Date = new Date(),
): string {
  const named: unknown = event?.[field];
  if (named !== undefined) {
    if (!isIsoDate(named)) {
      throw new BadScheduledEventError(
        `The event's "${field}" must be a real date like 2026-11-23, got ${JSON.stringify(named)}.`,
      );
    }
    return named;
  }
  if (event?.scheduledTime) {
    const scheduled = new Date(event.scheduledTime);
    if (Number.isNaN(scheduled.getTime())) {
      throw new BadScheduledEventError(
        `The event's "scheduledTime" is not a timestamp: ${JSON.stringify(event.scheduledTime)}.`,
      );
    }
    return newZealandDate(scheduled);
  }
  return newZealandDate(now);
}
