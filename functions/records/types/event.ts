import * as z from 'zod/mini';
import { defineRecord, type FieldError } from '../definition.ts';
import { boolean, date, integer, longText, oneOf, ref, text, timeOfDay } from '../fields.ts';
import { combine, dateOrder, requiredWhen } from '../rules.ts';

export const EVENT_KINDS = [
  'exchange-visit',
  'roadshow',
  'sector-group',
  'business-forum',
  'training',
] as const;

/** Words for each kind, for pages, calendars and the digest. */
export const EVENT_KIND_LABELS: Record<(typeof EVENT_KINDS)[number], string> = {
  'exchange-visit': 'Exchange visit',
  roadshow: 'Roadshow',
  'sector-group': 'Sector group',
  'business-forum': 'Business forum',
  training: 'Training',
};

/** An end time on the day it starts must come after the start. */
function endsAfterStart(v: Record<string, unknown>): FieldError[] {
  const sameDay = v.endsOn === undefined || v.endsOn === v.heldOn;
  if (v.endsAt === undefined) return [];
  if (v.startsAt === undefined)
    return [
      {
        field: 'endsAt',
        message: 'give the start time too, or leave both empty for an all-day event',
        received: v.endsAt,
      },
    ];
  if (sameDay && (v.endsAt as string) <= (v.startsAt as string))
    return [
      {
        field: 'endsAt',
        message: `must be after the start time (${v.startsAt as string})`,
        received: v.endsAt,
      },
    ];
  return [];
}

/**
 * An exchange visit, roadshow, sector group, business forum or training session. One that is open
 * to the public is announced on the public website and in the calendar feeds with its public
 * description; the others reach only the LEC group's members (their digest and group calendar).
 */
export const event = defineRecord({
  type: 'event',
  path: 'events',
  label: 'Event',
  pluralLabel: 'Events',
  description:
    'An exchange visit, roadshow, sector group, business forum or training session; public ones appear on the public website and calendars.',
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'Where it happens', public: true }),
      lecGroupId: z.optional(ref('lec-group', { title: 'LEC group', help: 'The group running it, if any' })),
      kind: oneOf(EVENT_KINDS, { title: 'Kind', help: 'What sort of event', public: true }),
      title: text({ title: 'Title', help: 'What it is called', public: true }),
      heldOn: date({ title: 'Held on', help: 'The date (YYYY-MM-DD)', public: true }),
      startsAt: z.optional(
        timeOfDay({
          title: 'Starts at',
          help: 'Start time in New Zealand, 24-hour like 09:30; empty for an all-day event',
          public: true,
        }),
      ),
      endsAt: z.optional(
        timeOfDay({ title: 'Ends at', help: 'End time in New Zealand, 24-hour like 16:30', public: true }),
      ),
      endsOn: z.optional(
        date({
          title: 'Ends on',
          help: 'The last day, for an event over several days (YYYY-MM-DD)',
          public: true,
        }),
      ),
      location: z.optional(text({ title: 'Location', help: 'Where', public: true })),
      openToPublic: z.optional(
        boolean({
          title: 'Open to the public',
          help: 'True to announce it on the public website and calendars, with its public description',
        }),
      ),
      publicDescription: z.optional(
        longText({
          title: 'Public description',
          help: 'What the public reads about it: who it is for, what happens, how to come',
          max: 2000,
          public: true,
        }),
      ),
      cancelled: z.optional(
        boolean({
          title: 'Cancelled',
          help: 'True when it will not go ahead: calendars show it cancelled rather than dropping it',
          public: true,
        }),
      ),
      attendees: z.optional(integer({ title: 'Attendees', help: 'How many came', max: 100000 })),
      notes: z.optional(longText({ title: 'Notes', help: 'What came of it' })),
    }),
  scope: { field: 'regionId' },
  publicWhen: (v) => v.openToPublic === true,
  refine: combine(
    requiredWhen(
      'publicDescription',
      (v) => v.openToPublic === true,
      'describe the event for the public before opening it to them (notes stay internal)',
    ),
    dateOrder('heldOn', 'endsOn', 'the last day cannot come before the first'),
    endsAfterStart,
  ),
});
