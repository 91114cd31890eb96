import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, longText, oneOf, ref, text } from '../fields.ts';

/** Where a publicity item appears. */
export const PUBLICITY_CHANNELS = ['media-release', 'newsletter', 'website', 'event', 'other'] as const;
/** A publicity item's stages; `published` needs both parties' acknowledgement. */
export const PUBLICITY_STATUSES = ['draft', 'approved', 'published'] as const;

/** A public announcement about a strategy; rule 6 governs its publication. */
export const publicity = defineRecord({
  type: 'publicity',
  path: 'publicity',
  label: 'Publicity',
  pluralLabel: 'Publicity',
  description:
    'A public announcement about a jointly supported strategy, which must acknowledge both parties.',
  schema: () =>
    z.object({
      strategyId: ref('strategy', { title: 'Strategy', help: 'The strategy the announcement is about' }),
      title: text({ title: 'Title', help: 'Headline of the announcement' }),
      channel: oneOf(PUBLICITY_CHANNELS, {
        title: 'Channel',
        help: 'Where it appears',
      }),
      plannedFor: z.optional(date({ title: 'Planned for', help: 'Planned release date (YYYY-MM-DD)' })),
      text: z.optional(
        longText({
          title: 'Text',
          help: 'The announcement as it will appear, acknowledging both parties',
        }),
      ),
      status: oneOf(PUBLICITY_STATUSES, {
        title: 'Status',
        help: 'published needs both acknowledgements',
      }),
    }),
  scope: { field: 'strategyId' },
  taskforceWrites: true,
  // Rule 6: each party confirms the text acknowledges the other before it is published.
  signOff: {
    signedFields: ['title', 'channel', 'text'],
    needsBoth: ['published'],
    meaning:
      'Each party confirms the announcement acknowledges the other (rule 6 of the Principles of Partnership).',
    titleField: 'title',
    flags: {
      ceg: {
        name: 'acknowledgesTaskforce',
        title: 'Acknowledges Taskforce',
        help: 'Set by the system: CEG has confirmed the current text acknowledges the Mayors Taskforce for Jobs',
      },
      taskforce: {
        name: 'acknowledgesCeg',
        title: 'Acknowledges CEG',
        help: 'Set by the system: the Taskforce has confirmed the current text acknowledges the Community Employment Group',
      },
    },
  },
});
