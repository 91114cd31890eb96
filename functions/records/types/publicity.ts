import * as z from 'zod';
import { defineRecord } from '../definition.ts';
import { boolean, date, oneOf, ref, text } from '../fields.ts';

/** A public announcement about a strategy; rule 6 governs its publication. */
export const publicity = defineRecord({
  type: 'publicity',
  path: 'publicity',
  label: 'Publicity',
  pluralLabel: 'Publicity',
  description:
    'A public announcement about a jointly supported strategy, which must acknowledge both parties.',
  schema: z.object({
    strategyId: ref('strategy', { title: 'Strategy', help: 'The strategy the announcement is about' }),
    title: text({ title: 'Title', help: 'Headline of the announcement' }),
    channel: oneOf(['media-release', 'newsletter', 'website', 'event', 'other'], {
      title: 'Channel',
      help: 'Where it appears',
    }),
    plannedFor: date({ title: 'Planned for', help: 'Planned release date (YYYY-MM-DD)' }).optional(),
    acknowledgesCeg: boolean({
      title: 'Acknowledges CEG',
      help: 'The text acknowledges the Community Employment Group',
    }),
    acknowledgesTaskforce: boolean({
      title: 'Acknowledges Taskforce',
      help: 'The text acknowledges the Mayors Taskforce for Jobs',
    }),
    status: oneOf(['draft', 'approved', 'published'], {
      title: 'Status',
      help: 'published needs both acknowledgements',
    }),
  }),
  scope: { field: 'strategyId' },
  rules: [
    // Rule 6: each party acknowledges the other before anything about a joint strategy is published.
    async (values, ctx) => {
      if (values.status === 'draft') return [];
      const s = await ctx.get('strategy', values.strategyId as string);
      if (s?.values.jointlySupported !== true) return [];
      const missing = [
        values.acknowledgesCeg !== true ? 'the Community Employment Group' : undefined,
        values.acknowledgesTaskforce !== true ? 'the Mayors Taskforce for Jobs' : undefined,
      ].filter(Boolean);
      if (missing.length === 0) return [];
      return [
        {
          field: 'status',
          message: `publicity about a jointly supported strategy must acknowledge both parties before it is ${values.status}: it does not yet acknowledge ${missing.join(' or ')}`,
          received: values.status,
        },
      ];
    },
  ],
});
