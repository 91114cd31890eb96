import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { date, decimal, longText, oneOf, ref } from '../fields.ts';
import { requireTaskforceMember } from '../rules.ts';

/** The kinds of adviser work with a Taskforce mayor. There is deliberately no "recruitment" (rule 3). */
export const ACTIVITY_KINDS = [
  'advice',
  'planning',
  'liaison',
  'stakeholder-relationships',
  'knowledge-sharing',
] as const;

/** "Christchurch City" → "Christchurch": how councils are named in "MTFJ <council>" projects. */
export function shortCouncilName(name: string): string {
  return name.replace(/ (District|City)$/, '');
}

/**
 * A weekly report line of an adviser's work with a Taskforce mayor (rule 4): always a
 * non-funded project named "MTFJ <council name>", which the system derives.
 */
export const activity = defineRecord({
  type: 'activity',
  path: 'activities',
  label: 'Activity',
  pluralLabel: 'Activities',
  description:
    'A weekly report line of an adviser\'s work with a Taskforce mayor, recorded as the non-funded project "MTFJ <council name>".',
  schema: () =>
    z.object({
      adviserId: ref('adviser', { title: 'Adviser', help: 'Who did the work' }),
      councilId: ref('council', { title: 'Council', help: 'The Taskforce member council worked with' }),
      weekStarting: date({ title: 'Week starting', help: 'The Monday of the report week (YYYY-MM-DD)' }),
      kind: oneOf(ACTIVITY_KINDS, {
        title: 'Kind',
        help: 'Advice, planning, liaison, stakeholder relationships or knowledge sharing',
      }),
      hours: decimal({ title: 'Hours', help: 'Hours spent that week, up to two decimal places', max: 80 }),
      summary: z.optional(longText({ title: 'Summary', help: 'What was done', max: 2000 })),
    }),
  scope: { field: 'councilId' },
  councilField: 'councilId',
  derived: {
    projectName: {
      meta: { title: 'Project', help: 'Set by the system: "MTFJ <council name>"', kind: 'text' },
      derive: async (values, ctx) => {
        const council = await ctx.get('council', values.councilId);
        const name = council?.values.name as string | undefined;
        return `MTFJ ${name ? shortCouncilName(name) : values.councilId}`;
      },
    },
    nonFunded: {
      meta: {
        title: 'Non-funded',
        help: 'Set by the system: work with a Taskforce mayor is always a non-funded project',
        kind: 'boolean',
      },
      derive: async () => true,
    },
  },
  rules: [requireTaskforceMember('councilId', 'an activity')],
  refine: (values) => {
    const week = values.weekStarting;
    const day = new Date(`${week}T00:00:00Z`).getUTCDay();
    return day === 1
      ? []
      : [
          {
            field: 'weekStarting',
            message: `the week must start on a Monday; ${week} is not a Monday`,
            received: week,
          },
        ];
  },
});
