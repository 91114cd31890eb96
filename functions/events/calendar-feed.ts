import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { addDays } from '../aggregate/calendar.ts';
import { EVENT_KIND_LABELS } from '../records/types/event.ts';
import type { EventView } from './event-view.ts';
import { PACIFIC_AUCKLAND, PACIFIC_AUCKLAND_VTIMEZONE } from './pacific-auckland.ts';

/** Every feed and single-event file says it is text/calendar in UTF-8 (RFC 5545, section 8.1). */
export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** The UID an event keeps for life, whatever changes: calendars match updates by it. */
export function eventUid(eventId: string): string {
  return `event-${eventId}@partnership-records.nz`;
}

export interface FeedOptions {
  /** The calendar's name as subscribers see it. */
  name: string;
  description: string;
  /** The page the events come from. */
  url?: string;
  /** The event's own page, when it has one (public events). */
  eventUrl: (event: EventView) => string | undefined;
}

/** An hour later on the same day, for an event with a start time and no end (never past 23:59). */
function anHourAfter(time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h >= 23 ? '23:59' : `${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * An iCalendar (RFC 5545) feed of events: one VEVENT per event with its UID for life, a SEQUENCE
 * that is the record's version (it grows with every change), DTSTAMP and LAST-MODIFIED from the
 * last change, all-day events as dates (DTEND the day after the last), timed ones in
 * Pacific/Auckland with its VTIMEZONE, and cancelled or deleted events kept as STATUS:CANCELLED
 * so a subscribed calendar removes them rather than keeping a stale copy.
 */
export function calendarFeed(events: readonly EventView[], options: FeedOptions): string {
  const calendar = ical({
    name: options.name,
    description: options.description,
    prodId: { company: 'Partnership Records', product: 'Events', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // The zone's VTIMEZONE comes with the calendar; DTSTAMP and the rest stay in UTC.
    timezone: {
      name: null,
      generator: (zone) => (zone === PACIFIC_AUCKLAND ? PACIFIC_AUCKLAND_VTIMEZONE : null),
    },
    ...(options.url ? { url: options.url } : {}),
  });
  for (const event of events) {
    const lastDay = event.endsOn ?? event.heldOn;
    const url = options.eventUrl(event);
    const about = [
      `${EVENT_KIND_LABELS[event.kind as keyof typeof EVENT_KIND_LABELS] ?? event.kind}${event.openToPublic ? ', open to the public' : ', for LEC group members'}.`,
      ...(event.cancelled ? ['This event has been cancelled.'] : []),
      ...(event.description ? ['', event.description] : []),
      ...(url ? ['', url] : []),
    ].join('\n');
    calendar.createEvent({
      id: eventUid(event.id),
      sequence: event.version,
      stamp: event.updatedAt,
      created: event.createdAt,
      lastModified: event.updatedAt,
      summary: event.title,
      description: about,
      location: event.location ?? null,
      url: url ?? null,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(event.startsAt
        ? {
            // Wall-clock times in New Zealand, written with TZID (no conversion on this machine).
            timezone: PACIFIC_AUCKLAND,
            start: `${event.heldOn}T${event.startsAt}:00`,
            end: `${lastDay}T${event.endsAt ?? anHourAfter(event.startsAt)}:00`,
          }
        : { allDay: true, start: event.heldOn, end: addDays(lastDay, 1) }),
    });
  }
  return calendar.toString();
}
