import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, ref } from '../fields.ts';
import { combine, dateOrder, requiredWhen, requireTaskforceMember } from '../rules.ts';

/** Rule 5's prerequisite: the expectations a mayor and a CEA set at the beginning of the relationship. */
export const agreement = defineRecord({
  type: 'agreement',
  path: 'agreements',
  label: 'Agreement',
  pluralLabel: 'Agreements',
  description:
    'The expectations a mayor and a Community Employment Adviser agree at the start of the relationship.',
  schema: z.object({
    councilId: ref('council', { title: 'Council', help: 'The Taskforce member council' }),
    adviserId: ref('adviser', { title: 'Adviser', help: 'The Community Employment Adviser' }),
    expectations: longText({ title: 'Expectations', help: 'What each side expects of the other' }),
    status: oneOf(['draft', 'agreed', 'under-review', 'ended'], {
      title: 'Status',
      help: 'draft until both sides agree',
    }),
    agreedOn: date({ title: 'Agreed on', help: 'When the mayor and adviser agreed (YYYY-MM-DD)' }).optional(),
    reviewBy: date({ title: 'Review by', help: 'When to review the expectations (YYYY-MM-DD)' }).optional(),
  }),
  scope: { field: 'councilId' },
  councilField: 'councilId',
  rules: [requireTaskforceMember('councilId', 'an agreement')],
  refine: combine(
    requiredWhen(
      'agreedOn',
      (v) => v.status === 'agreed' || v.status === 'under-review',
      'give the date the expectations were agreed',
    ),
    dateOrder('agreedOn', 'reviewBy', 'the review date must not be before the date agreed'),
  ),
});
