import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { date, integer, longText, oneOf, ref, text } from '../fields.ts';

/** An exchange visit, roadshow, sector group, business forum or training session. */
export const event = defineRecord({
  type: 'event',
  path: 'events',
  label: 'Event',
  pluralLabel: 'Events',
  description: 'An exchange visit, roadshow, sector group, business forum or training session.',
  schema: z.object({
    regionId: ref('region', { title: 'Region', help: 'Where it happens' }),
    lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The group running it, if any' }).optional(),
    kind: oneOf(['exchange-visit', 'roadshow', 'sector-group', 'business-forum', 'training'], {
      title: 'Kind',
      help: 'What sort of event',
    }),
    title: text({ title: 'Title', help: 'What it is called' }),
    heldOn: date({ title: 'Held on', help: 'The date (YYYY-MM-DD)' }),
    location: text({ title: 'Location', help: 'Where' }).optional(),
    attendees: integer({ title: 'Attendees', help: 'How many came', max: 100000 }).optional(),
    notes: longText({ title: 'Notes', help: 'What came of it' }).optional(),
  }),
  scope: { field: 'regionId' },
});
