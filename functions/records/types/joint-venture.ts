import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, ref, refs, text } from '../fields.ts';
import { KNOWLEDGE_TOPICS } from '../knowledge-topics.ts';

/** A joint venture brokered between member organisations of an LEC group. */
export const jointVenture = defineRecord({
  type: 'joint-venture',
  path: 'joint-ventures',
  label: 'Joint venture',
  pluralLabel: 'Joint ventures',
  description: 'A joint venture brokered between LEC group member organisations: partners, status, outcomes.',
  schema: () =>
    z.object({
      lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The group that brokered it' }),
      name: text({ title: 'Name', help: 'What the venture is called' }),
      partnerIds: refs('organisation', {
        title: 'Partners',
        help: 'Partner organisations, by id, separated by commas',
        min: 2,
        max: 30,
      }),
      status: oneOf(['proposed', 'active', 'completed', 'abandoned'], {
        title: 'Status',
        help: 'Where it stands',
      }),
      topic: z.optional(oneOf(KNOWLEDGE_TOPICS, { title: 'Topic', help: 'What the venture is about' })),
      startedOn: z.optional(date({ title: 'Started on', help: 'When it started (YYYY-MM-DD)' })),
      outcomes: z.optional(
        longText({
          title: 'Outcomes',
          help: 'Service improvements, client access, jobs created',
        }),
      ),
    }),
  scope: { field: 'lecGroupId' },
  // LEC groups draw on joint ventures "that have happened in similar groups around New Zealand".
  knowledgeBase: { title: 'name', summary: 'outcomes' },
  refine: (v) =>
    new Set(v.partnerIds).size !== v.partnerIds.length
      ? [
          {
            field: 'partnerIds',
            message: 'each partner organisation may be named only once',
            received: v.partnerIds,
          },
        ]
      : [],
});
