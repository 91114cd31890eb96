import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { boolean, date, longText, oneOf, ref, text } from '../fields.ts';
import { requiredWhen } from '../rules.ts';

/** A message to external stakeholders; rule 7: both parties agree before release. */
export const communication = defineRecord({
  type: 'communication',
  path: 'communications',
  label: 'Communication',
  pluralLabel: 'Communications',
  description: 'A message to external stakeholders, agreed by both CEG and the Taskforce before release.',
  schema: z.object({
    regionId: ref('region', { title: 'Region', help: 'The region it comes from' }),
    subject: text({ title: 'Subject', help: 'What it is about' }),
    audience: text({ title: 'Audience', help: 'The external stakeholders it is for' }),
    message: longText({ title: 'Message', help: 'The text to release' }).optional(),
    agreedByCeg: boolean({ title: 'Agreed by CEG', help: 'CEG has agreed the text' }),
    agreedByTaskforce: boolean({ title: 'Agreed by Taskforce', help: 'The Taskforce has agreed the text' }),
    status: oneOf(['draft', 'agreed', 'released'], {
      title: 'Status',
      help: 'agreed and released need both parties\u2019 agreement',
    }),
    releasedOn: date({ title: 'Released on', help: 'When it was released (YYYY-MM-DD)' }).optional(),
  }),
  scope: { field: 'regionId' },
  refine: (values) => {
    const errors = requiredWhen(
      'releasedOn',
      (v) => v.status === 'released',
      'give the date it was released',
    )(values);
    if (values.status !== 'draft' && !(values.agreedByCeg && values.agreedByTaskforce)) {
      const missing = [
        !values.agreedByCeg ? 'CEG' : undefined,
        !values.agreedByTaskforce ? 'the Taskforce' : undefined,
      ].filter(Boolean);
      errors.push({
        field: 'status',
        message: `communications to external stakeholders are agreed by both parties before release: ${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} not agreed yet`,
        received: values.status,
      });
    }
    return errors;
  },
});
