import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, email, longText, oneOf, ref, text } from '../fields.ts';

/** How often the group's digest goes to its consenting members; monthly when not chosen. */
export const DIGEST_FREQUENCIES = ['monthly', 'fortnightly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/** A region's Local Employment Co-ordination group: its co-ordinator and strategic plan. */
export const lecGroup = defineRecord({
  type: 'lec-group',
  path: 'lec-groups',
  label: 'LEC group',
  pluralLabel: 'LEC groups',
  description:
    'A Local Employment Co-ordination group: its co-ordinator, its strategic plan for collaborative action and when it was last reviewed.',
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'The region the group co-ordinates' }),
      name: text({ title: 'Name', help: 'The group\u2019s name' }),
      coordinatorName: z.optional(text({ title: 'Co-ordinator', help: 'Who co-ordinates the group' })),
      coordinatorEmail: z.optional(
        email({
          title: 'Co-ordinator email',
          help: 'How to reach the co-ordinator',
        }),
      ),
      strategicPlan: z.optional(
        longText({
          title: 'Strategic plan',
          help: 'The plan for collaborative action, or where to find it',
        }),
      ),
      planReviewedOn: z.optional(
        date({
          title: 'Plan reviewed on',
          help: 'When the strategic plan was last reviewed (YYYY-MM-DD)',
        }),
      ),
      digestFrequency: z.optional(
        oneOf(DIGEST_FREQUENCIES, {
          title: 'Digest frequency',
          help: 'How often members who consented get the group digest: monthly (the default) or fortnightly',
        }),
      ),
      establishedOn: z.optional(
        date({
          title: 'Established on',
          help: 'When the group was set up (YYYY-MM-DD)',
        }),
      ),
    }),
  scope: { field: 'regionId' },
});
