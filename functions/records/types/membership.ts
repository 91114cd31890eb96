import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, date, email, ref, text } from '../fields.ts';

/** An organisation's place in an LEC group, and how firmly its senior management is committed. */
export const membership = defineRecord({
  type: 'membership',
  path: 'memberships',
  label: 'Membership',
  pluralLabel: 'Memberships',
  description:
    "An organisation's membership of an LEC group: senior management commitment and whether it is in the business plan.",
  schema: () =>
    z.object({
      lecGroupId: ref('lec-group', { title: 'LEC group', help: 'The group joined' }),
      organisationId: ref('organisation', { title: 'Organisation', help: 'The member organisation' }),
      representative: z.optional(text({ title: 'Representative', help: 'Who attends for the organisation' })),
      representativeEmail: z.optional(
        email({
          title: 'Representative email',
          help: 'How to reach the representative; lets them own actions and be reminded of them',
        }),
      ),
      seniorCommitment: boolean({
        title: 'Senior management committed',
        help: 'Senior management has committed to the LEC process',
      }),
      inBusinessPlan: boolean({
        title: 'In business plan',
        help: 'The commitment is written into the organisation\u2019s business plan',
      }),
      joinedOn: z.optional(date({ title: 'Joined on', help: 'When it joined (YYYY-MM-DD)' })),
    }),
  scope: { field: 'lecGroupId' },
  naturalId: (v) => `${v.lecGroupId}--${v.organisationId}`,
  refine: (v) =>
    v.inBusinessPlan && !v.seniorCommitment
      ? [
          {
            field: 'inBusinessPlan',
            message:
              'a commitment in the business plan needs senior management\u2019s commitment first: tick that too, or untick this',
            received: true,
          },
        ]
      : [],
});
