import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, ref } from '../fields.ts';

/** Two LEC co-ordinators supporting each other; both groups' regions see and may update the pair. */
export const buddyPair = defineRecord({
  type: 'buddy-pair',
  path: 'buddy-pairs',
  label: 'Buddy pair',
  pluralLabel: 'Buddy pairs',
  description: 'Two LEC groups\u2019 co-ordinators supporting, coaching and mentoring each other.',
  schema: () =>
    z.object({
      lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The first co-ordinator\u2019s group' }),
      buddyLecGroupId: ref('lec-group', {
        title: 'Buddy LEC group',
        help: 'The second co-ordinator\u2019s group (any region)',
      }),
      since: date({ title: 'Since', help: 'When the pairing started (YYYY-MM-DD)' }),
      notes: z.optional(longText({ title: 'Notes', help: 'Support, coaching and mentoring given' })),
    }),
  scope: { field: 'lecGroupId' },
  sharedScope: { field: 'buddyLecGroupId' },
  refine: (v) =>
    v.lecGroupId === v.buddyLecGroupId
      ? [
          {
            field: 'buddyLecGroupId',
            message: 'a co-ordinator cannot be their own buddy: choose another LEC group',
            received: v.buddyLecGroupId,
          },
        ]
      : [],
});
