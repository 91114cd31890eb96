import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, integer, longText, oneOf, ref, text } from '../fields.ts';

/** An exchange visit, roadshow, sector group, business forum or training session. */
export const event = defineRecord({
  type: 'event',
  path: 'events',
  label: 'Event',
  pluralLabel: 'Events',
  description: 'An exchange visit, roadshow, sector group, business forum or training session.',
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'Where it happens' }),
      lecGroupId: z.optional(ref('lec-group', { title: 'LEC group', help: 'The group running it, if any' })),
      kind: oneOf(['exchange-visit', 'roadshow', 'sector-group', 'business-forum', 'training'], {
        title: 'Kind',
        help: 'What sort of event',
      }),
      title: text({ title: 'Title', help: 'What it is called' }),
      heldOn: date({ title: 'Held on', help: 'The date (YYYY-MM-DD)' }),
      location: z.optional(text({ title: 'Location', help: 'Where' })),
      attendees: z.optional(integer({ title: 'Attendees', help: 'How many came', max: 100000 })),
      notes: z.optional(longText({ title: 'Notes', help: 'What came of it' })),
    }),
  scope: { field: 'regionId' },
});
