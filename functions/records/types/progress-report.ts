import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, quarter, ref } from '../fields.ts';
import { requiredWhen } from '../rules.ts';

/** A region's quarterly report to the national group (rule 8); one per region and quarter. */
export const progressReport = defineRecord({
  type: 'progress-report',
  path: 'progress-reports',
  label: 'Progress report',
  pluralLabel: 'Progress reports',
  description:
    "A region's quarterly progress report to the national planning and co-ordination group; one per region and quarter.",
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'The reporting region' }),
      quarter: quarter({ title: 'Quarter', help: 'The quarter reported on, like 2026-Q3' }),
      summary: longText({ title: 'Summary', help: 'Progress against the two goals this quarter' }),
      highlights: z.optional(longText({ title: 'Highlights', help: 'Good practice and successes to share' })),
      issues: z.optional(longText({ title: 'Issues', help: 'Problems to raise with the national group' })),
      status: oneOf(['draft', 'submitted'], {
        title: 'Status',
        help: 'submitted once sent to the national group',
      }),
      submittedOn: z.optional(date({ title: 'Submitted on', help: 'When it was submitted (YYYY-MM-DD)' })),
    }),
  scope: { field: 'regionId' },
  naturalId: (v) => `${v.regionId}-${v.quarter.toLowerCase()}`,
  refine: requiredWhen(
    'submittedOn',
    (v) => v.status === 'submitted',
    'give the date the report was submitted',
  ),
});
