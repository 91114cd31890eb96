import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { date, email, longText, ref, text } from '../fields.ts';

/** A region's Local Employment Co-ordination group: its co-ordinator and strategic plan. */
export const lecGroup = defineRecord({
  type: 'lec-group',
  path: 'lec-groups',
  label: 'LEC group',
  pluralLabel: 'LEC groups',
  description:
    'A Local Employment Co-ordination group: its co-ordinator, its strategic plan for collaborative action and when it was last reviewed.',
  schema: z.object({
    regionId: ref('region', { title: 'Region', help: 'The region the group co-ordinates' }),
    name: text({ title: 'Name', help: 'The group\u2019s name' }),
    coordinatorName: text({ title: 'Co-ordinator', help: 'Who co-ordinates the group' }).optional(),
    coordinatorEmail: email({
      title: 'Co-ordinator email',
      help: 'How to reach the co-ordinator',
    }).optional(),
    strategicPlan: longText({
      title: 'Strategic plan',
      help: 'The plan for collaborative action, or where to find it',
    }).optional(),
    planReviewedOn: date({
      title: 'Plan reviewed on',
      help: 'When the strategic plan was last reviewed (YYYY-MM-DD)',
    }).optional(),
    establishedOn: date({
      title: 'Established on',
      help: 'When the group was set up (YYYY-MM-DD)',
    }).optional(),
  }),
  scope: { field: 'regionId' },
});
