import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { integer, quarter, ref, text } from '../fields.ts';
import { notMoreThan } from '../rules.ts';

/** The measure of the two goals: per council and quarter, people not in work or training. */
export const indicator = defineRecord({
  type: 'indicator',
  path: 'indicators',
  label: 'Indicator',
  pluralLabel: 'Indicators',
  description:
    'Per council and quarter, the people not in work or training and the young people under 25 among them: the measure of the two goals.',
  schema: () =>
    z.object({
      councilId: ref('council', { title: 'Council', help: 'The council area measured' }),
      period: quarter({ title: 'Period', help: 'The quarter measured, like 2026-Q3' }),
      peopleNotInWorkOrTraining: integer({ title: 'People not in work or training', help: 'All ages' }),
      youngPeopleNotInWorkOrTraining: integer({
        title: 'Young people not in work or training',
        help: 'Under 25, counted among all people',
      }),
      source: z.optional(text({ title: 'Source', help: 'Where the figures come from', max: 300 })),
    }),
  scope: { field: 'councilId' },
  councilField: 'councilId',
  naturalId: (v) => `${v.councilId}-${v.period.toLowerCase()}`,
  refine: notMoreThan(
    'youngPeopleNotInWorkOrTraining',
    'peopleNotInWorkOrTraining',
    'young people are counted among all people, so cannot be more',
  ),
});
