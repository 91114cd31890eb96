import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, person, ref, text } from '../fields.ts';
import { combine, requiredWhen, requireReachablePerson } from '../rules.ts';

/** Where an action stands; open and in-progress actions count as open on the dashboard. */
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;

/** The monitoring and accountability process: an action with an owner and a due date. */
export const action = defineRecord({
  type: 'action',
  path: 'actions',
  label: 'Action',
  pluralLabel: 'Actions',
  description:
    'An action in an LEC group\u2019s monitoring and accountability process: owner, due date, status.',
  schema: () =>
    z.object({
      lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The group accountable' }),
      title: text({ title: 'Title', help: 'What is to be done' }),
      // Before owners were people the system can reach, the owner was free text; it is kept and
      // shown until someone picks the person.
      owner: z.optional(text({ title: 'Owner (as written)', help: 'Who is responsible, in words' })),
      ownerEmail: z.optional(
        person({
          title: 'Owner',
          help: 'The email of the person responsible: an adviser, a staff member or a member organisation\u2019s contact. They are reminded as it falls due.',
        }),
      ),
      dueOn: date({ title: 'Due on', help: 'When it is due (YYYY-MM-DD)' }),
      status: oneOf(ACTION_STATUSES, { title: 'Status', help: 'Where it stands' }),
      completedOn: z.optional(date({ title: 'Completed on', help: 'When it was done (YYYY-MM-DD)' })),
      notes: z.optional(longText({ title: 'Notes', help: 'Progress notes' })),
    }),
  scope: { field: 'lecGroupId' },
  rules: [
    requireReachablePerson('ownerEmail', async (values, ctx) => {
      const group = await ctx.get('lec-group', values.lecGroupId as string);
      return group?.regionId;
    }),
  ],
  refine: combine(
    requiredWhen('completedOn', (v) => v.status === 'done', 'give the date the action was done'),
    (v) =>
      v.owner === undefined && v.ownerEmail === undefined
        ? [
            {
              field: 'ownerEmail',
              message:
                'name who is responsible: the owner\u2019s email (or, until they are known, the owner in words)',
            },
          ]
        : [],
  ),
});
