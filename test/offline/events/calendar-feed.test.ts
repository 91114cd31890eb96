import { createRequire } from 'node:module';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFeed, eventUid } from '../../../functions/events/calendar-feed.ts';
import type { EventView } from '../../../functions/events/event-view.ts';
import { PACIFIC_AUCKLAND_VTIMEZONE } from '../../../functions/events/pacific-auckland.ts';

const require = createRequire(import.meta.url);

function view(id: string, over: Partial<EventView> = {}): EventView {
  return {
    id,
    regionId: 'west-coast',
    kind: 'roadshow',
    title: `Event ${id}`,
    heldOn: '2026-12-10',
    openToPublic: true,
    cancelled: false,
    deleted: false,
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...over,
  };
}

/** Parses a feed with ical.js (Mozilla's parser), registering its time zones as a calendar client does. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar
    .getAllSubcomponents('vevent')
    .map((c) => ({ component: c, event: new ICAL.Event(c) }));
  return { calendar, events };
}

const OPTIONS = {
  name: 'West Coast events',
  description: 'Public events',
  eventUrl: (e: EventView) => `https://site.example.nz/events/${e.id}`,
};

describe('the iCalendar feed, read back with ical.js', () => {
  // Act, shared by the tests below
  const feed = calendarFeed(
    [
      view('summer', {
        startsAt: '09:30',
        endsAt: '12:00',
        location: 'Hokitika Library',
        description: 'Jobs, training; and more',
      }),
      view('winter', { heldOn: '2027-06-10', startsAt: '18:00' }),
      view('expo', { heldOn: '2026-12-11', endsOn: '2026-12-12' }),
      view('gone', { cancelled: true, version: 4 }),
    ],
    OPTIONS,
  );
  const { calendar, events } = parse(feed);
  const byId = (id: string) => events.find((e) => e.event.uid === eventUid(id))!;

  it('should give every event exactly one UID and one DTSTAMP', () => {
    // Assess
    for (const { component } of events) {
      expect(component.getAllProperties('uid')).toHaveLength(1);
      expect(component.getAllProperties('dtstamp')).toHaveLength(1);
    }
  });

  it('should write DTSTAMP in UTC', () => {
    // Assess
    expect(byId('summer').component.getFirstPropertyValue('dtstamp')?.toString()).toBe(
      '2026-11-01T00:00:00Z',
    );
  });

  it.each([
    ['summer', '2026-12-09T20:30:00.000Z', '2026-12-09T23:00:00.000Z'],
    ['winter', '2027-06-10T06:00:00.000Z', '2027-06-10T07:00:00.000Z'],
  ])('should put the timed event %s at its New Zealand time, daylight saving included', (id, start, end) => {
    // Assess
    const { event } = byId(id);
    expect(event.startDate.zone?.tzid).toBe('Pacific/Auckland');
    expect([event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]).toEqual([
      start,
      end,
    ]);
  });

  it('should write an all-day event over two days as dates, ending the day after', () => {
    // Assess
    const { event } = byId('expo');
    expect([event.startDate.isDate, event.startDate.toString(), event.endDate.toString()]).toEqual([
      true,
      '2026-12-11',
      '2026-12-13',
    ]);
  });

  it('should keep a cancelled event as STATUS:CANCELLED with its sequence', () => {
    // Assess
    const { component, event } = byId('gone');
    expect([component.getFirstPropertyValue('status'), event.sequence]).toEqual(['CANCELLED', 4]);
  });

  it('should carry the VTIMEZONE for Pacific/Auckland once', () => {
    // Assess
    expect(calendar.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Pacific/Auckland',
    ]);
  });

  it('should keep the public description and location, escaped as iCalendar text', () => {
    // Assess
    const { event } = byId('summer');
    expect([event.location, event.description.split('\n')[2]]).toEqual([
      'Hokitika Library',
      'Jobs, training; and more',
    ]);
  });

  it('should say it is published for subscription', () => {
    // Assess
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  });
});

describe('an edit to an event', () => {
  it('should reach a subscribed calendar as an update of the same event: same UID, greater SEQUENCE', () => {
    // Prepare
    const before = view('roadshow', { version: 2, startsAt: '09:30' });
    const after = { ...before, version: 3, startsAt: '10:00', updatedAt: '2026-11-20T00:00:00.000Z' };

    // Act
    const [first] = parse(calendarFeed([before], OPTIONS)).events;
    const [second] = parse(calendarFeed([after], OPTIONS)).events;

    // Assess
    expect([second!.event.uid, second!.event.sequence > first!.event.sequence]).toEqual([
      first!.event.uid,
      true,
    ]);
  });
});

describe('the Pacific/Auckland VTIMEZONE', () => {
  it('should be the one tzurl.org publishes, as packaged in @touch4it/ical-timezones', () => {
    // Prepare
    const { getVtimezoneComponent } = require('@touch4it/ical-timezones') as {
      getVtimezoneComponent: (zone: string) => string;
    };
    const published = getVtimezoneComponent('Pacific/Auckland')
      .split(/\r?\n/)
      .filter((line) => line && !line.startsWith('TZURL'));

    // Act
    const ours = PACIFIC_AUCKLAND_VTIMEZONE.split('\r\n');

    // Assess
    expect(ours).toEqual(published);
  });
});
