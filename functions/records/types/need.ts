import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, ref, text } from '../fields.ts';

/** A local employment need or opportunity identified for a council. */
export const need = defineRecord({
  type: 'need',
  path: 'needs',
  label: 'Need',
  pluralLabel: 'Needs',
  description: 'A local employment need or opportunity identified for a council.',
  schema: () =>
    z.object({
      councilId: ref('council', { title: 'Council', help: 'The council whose community has the need' }),
      title: text({ title: 'Title', help: 'A short name for the need or opportunity' }),
      kind: oneOf(['need', 'opportunity'], {
        title: 'Kind',
        help: 'A need to meet or an opportunity to take',
      }),
      description: z.optional(longText({ title: 'Description', help: 'What was found, and by whom' })),
      identifiedOn: date({ title: 'Identified on', help: 'When it was identified (YYYY-MM-DD)' }),
      status: oneOf(['open', 'addressed', 'closed'], {
        title: 'Status',
        help: 'open until a strategy addresses it',
      }),
    }),
  scope: { field: 'councilId' },
  councilField: 'councilId',
  // Mayors and advisers identify local needs together, so a mayor's office records them too.
  taskforceWrites: true,
});
