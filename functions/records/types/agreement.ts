import * as z from 'zod/mini';
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
  schema: () =>
    z.object({
      councilId: ref('council', { title: 'Council', help: 'The Taskforce member council' }),
      adviserId: ref('adviser', { title: 'Adviser', help: 'The Community Employment Adviser' }),
      expectations: longText({ title: 'Expectations', help: 'What each side expects of the other' }),
      status: oneOf(['draft', 'agreed', 'under-review', 'ended'], {
        title: 'Status',
        help: 'draft until both sides agree; agreed needs both parties\u2019 sign-off',
      }),
      agreedOn: z.optional(
        date({ title: 'Agreed on', help: 'When the mayor and adviser agreed (YYYY-MM-DD)' }),
      ),
      reviewBy: z.optional(
        date({ title: 'Review by', help: 'When to review the expectations (YYYY-MM-DD)' }),
      ),
    }),
  scope: { field: 'councilId' },
  councilField: 'councilId',
  signOff: {
    signedFields: ['expectations', 'reviewBy'],
    needsBoth: ['agreed'],
    meaning:
      'The mayor (for the Taskforce) and the adviser (for CEG) agree these expectations as the basis of their working relationship.',
    titleField: 'expectations',
    flags: {
      ceg: {
        name: 'agreedByCeg',
        title: 'Agreed by CEG',
        help: 'Set by the system: the adviser (CEG) has signed off the current expectations',
      },
      taskforce: {
        name: 'agreedByTaskforce',
        title: 'Agreed by the mayor',
        help: "Set by the system: the mayor's office (Taskforce) has signed off the current expectations",
      },
    },
    // Both parties agreeing is what "agreed" means; the agreement says so without another edit.
    onBothAgreed: { from: ['draft', 'under-review'], to: 'agreed', dateField: 'agreedOn' },
    onWithdrawn: { agreed: 'under-review' },
  },
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
