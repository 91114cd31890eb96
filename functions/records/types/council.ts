import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, date, oneOf, ref, text } from '../fields.ts';
import { combine, requiredWhen } from '../rules.ts';

/**
 * A territorial local authority (TLA). Taskforce membership is recorded here, by national staff:
 * CEG does not recruit mayors into the Taskforce (rule 3), so membership is never an activity.
 */
export const council = defineRecord({
  type: 'council',
  path: 'councils',
  label: 'Council',
  pluralLabel: 'Councils',
  description: 'A territorial local authority, its mayor and its Mayors Taskforce for Jobs membership.',
  schema: () =>
    z.object({
      name: text({ title: 'Name', help: 'Official name, with macrons (Whangārei District)', public: true }),
      kind: oneOf(['city', 'district', 'unitary', 'territory'], {
        title: 'Kind',
        help: 'City, district, unitary or territory council',
        public: true,
      }),
      regionId: ref('region', {
        title: 'Region',
        help: 'The CEG region the council belongs to',
        public: true,
      }),
      mayor: z.optional(text({ title: 'Mayor', help: 'The current mayor' })),
      taskforceMember: boolean({
        title: 'Taskforce member',
        help: 'Whether the mayor is a member of the Mayors Taskforce for Jobs',
        public: true,
      }),
      memberSince: z.optional(
        date({
          title: 'Member since',
          help: 'When the council joined the Taskforce (YYYY-MM-DD)',
        }),
      ),
    }),
  scope: { field: 'regionId' },
  sharedReference: true,
  councilField: undefined,
  writableBy: ['national'],
  refine: combine(
    requiredWhen(
      'memberSince',
      (v) => v.taskforceMember === true,
      'give the date the council joined the Taskforce',
    ),
    (v) =>
      v.taskforceMember === false && v.memberSince
        ? [
            {
              field: 'memberSince',
              message: 'leave empty when the council is not a Taskforce member',
              received: v.memberSince,
            },
          ]
        : [],
  ),
});
