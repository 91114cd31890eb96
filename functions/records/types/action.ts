import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, ref, text } from '../fields.ts';
import { requiredWhen } from '../rules.ts';

/** The monitoring and accountability process: an action with an owner and a due date. */
export const action = defineRecord({
  type: 'action',
  path: 'actions',
  label: 'Action',
  pluralLabel: 'Actions',
  description:
    'An action in an LEC group\u2019s monitoring and accountability process: owner, due date, status.',
  schema: z.object({
    lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The group accountable' }),
    title: text({ title: 'Title', help: 'What is to be done' }),
    owner: text({ title: 'Owner', help: 'Who is responsible' }),
    dueOn: date({ title: 'Due on', help: 'When it is due (YYYY-MM-DD)' }),
    status: oneOf(['open', 'in-progress', 'done', 'cancelled'], { title: 'Status', help: 'Where it stands' }),
    completedOn: date({ title: 'Completed on', help: 'When it was done (YYYY-MM-DD)' }).optional(),
    notes: longText({ title: 'Notes', help: 'Progress notes' }).optional(),
  }),
  scope: { field: 'lecGroupId' },
  refine: requiredWhen('completedOn', (v) => v.status === 'done', 'give the date the action was done'),
});
