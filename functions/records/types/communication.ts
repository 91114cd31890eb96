import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, ref, text } from '../fields.ts';
import { requiredWhen } from '../rules.ts';

/** A joint communication's stages; `agreed` and `released` need both parties' agreement. */
export const COMMUNICATION_STATUSES = ['draft', 'agreed', 'released'] as const;

/** A message to external stakeholders; rule 7: both parties agree before release. */
export const communication = defineRecord({
  type: 'communication',
  path: 'communications',
  label: 'Communication',
  pluralLabel: 'Communications',
  description: 'A message to external stakeholders, agreed by both CEG and the Taskforce before release.',
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'The region it comes from' }),
      subject: text({ title: 'Subject', help: 'What it is about' }),
      audience: text({ title: 'Audience', help: 'The external stakeholders it is for' }),
      message: z.optional(longText({ title: 'Message', help: 'The text to release' })),
      status: oneOf(COMMUNICATION_STATUSES, {
        title: 'Status',
        help: 'agreed and released need both parties\u2019 agreement',
      }),
      releasedOn: z.optional(date({ title: 'Released on', help: 'When it was released (YYYY-MM-DD)' })),
    }),
  scope: { field: 'regionId' },
  // The national planning and co-ordination group, where both parties sit, drafts these too.
  taskforceWrites: true,
  signOff: {
    signedFields: ['subject', 'audience', 'message'],
    needsBoth: ['agreed', 'released'],
    meaning:
      'Both parties agree this text before it goes to external stakeholders (rule 7 of the Principles of Partnership).',
    titleField: 'subject',
    // Once released, the text is out: its sign-offs stand.
    onWithdrawn: { agreed: 'draft' },
    flags: {
      ceg: {
        name: 'agreedByCeg',
        title: 'Agreed by CEG',
        help: 'Set by the system: CEG has signed off the current text',
      },
      taskforce: {
        name: 'agreedByTaskforce',
        title: 'Agreed by Taskforce',
        help: 'Set by the system: the Taskforce has signed off the current text',
      },
    },
  },
  refine: requiredWhen('releasedOn', (v) => v.status === 'released', 'give the date it was released'),
});
