import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, money, ref, text } from '../fields.ts';
import { dateOrder } from '../rules.ts';

/** A line of the independent audit of government resources coming into a region. */
export const resourceLine = defineRecord({
  type: 'resource-line',
  path: 'resource-lines',
  label: 'Resource line',
  pluralLabel: 'Resource lines',
  description:
    'A line of the independent audit of government resources coming into the region for employment action.',
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'The region the money comes into' }),
      agency: text({ title: 'Agency', help: 'The government agency' }),
      programme: text({ title: 'Programme', help: 'The programme or fund' }),
      amount: money({ title: 'Amount (NZD)', help: 'Dollars and cents, like 125000.00' }),
      periodStart: date({ title: 'Period start', help: 'First day covered (YYYY-MM-DD)' }),
      periodEnd: date({ title: 'Period end', help: 'Last day covered (YYYY-MM-DD)' }),
      notes: z.optional(longText({ title: 'Notes', help: 'What the audit found' })),
    }),
  scope: { field: 'regionId' },
  refine: dateOrder('periodStart', 'periodEnd', 'the period must not end before it starts'),
});
