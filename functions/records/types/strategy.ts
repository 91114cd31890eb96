import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { boolean, date, integer, longText, oneOf, ref, refs, text } from '../fields.ts';
import {
  combine,
  dateOrder,
  notMoreThan,
  requireAgreedAgreementWhenActive,
  requiredWhen,
  requireTaskforceMember,
} from '../rules.ts';

/** The two strategic goals (rule 1). */
export const GOALS = ['2005-youth', '2009-all'] as const;
export const GOAL_WORDS: Record<(typeof GOALS)[number], string> = {
  '2005-youth': 'By 2005, no young person under 25 out of work or training',
  '2009-all': 'By 2009, all people have the opportunity to be in work or training',
};

/** Where a strategy stands; the dashboard counts strategies by these, in this order. */
export const STRATEGY_STATUSES = ['proposed', 'active', 'completed', 'discontinued'] as const;
export type StrategyStatus = (typeof STRATEGY_STATUSES)[number];

/** A strategy designed or reinforced to meet needs; rules 1, 2 and 5 govern it. */
export const strategy = defineRecord({
  type: 'strategy',
  path: 'strategies',
  label: 'Strategy',
  pluralLabel: 'Strategies',
  description:
    'A strategy designed or reinforced to meet local needs, serving one of the two strategic goals.',
  schema: () =>
    z.object({
      councilId: ref('council', { title: 'Council', help: 'The Taskforce member council' }),
      title: text({ title: 'Title', help: 'A short name for the strategy' }),
      goal: oneOf(GOALS, {
        title: 'Goal',
        help: `2005-youth: ${GOAL_WORDS['2005-youth']}; 2009-all: ${GOAL_WORDS['2009-all']}`,
      }),
      needIds: refs('need', {
        title: 'Needs',
        help: 'Needs or opportunities it meets, by id, separated by commas',
      }),
      buildsOn: z.optional(
        text({
          title: 'Builds on',
          help: 'Existing infrastructure, network or project it builds on, if any',
          max: 500,
        }),
      ),
      jointlySupported: boolean({
        title: 'Jointly supported',
        help: 'Supported jointly by CEG and the Taskforce',
      }),
      status: oneOf(STRATEGY_STATUSES, {
        title: 'Status',
        help: 'active needs an agreed agreement for the council',
      }),
      startedOn: z.optional(date({ title: 'Started on', help: 'When it went active (YYYY-MM-DD)' })),
      completedOn: z.optional(date({ title: 'Completed on', help: 'When it finished (YYYY-MM-DD)' })),
      peopleIntoWorkOrTraining: z.optional(
        integer({
          title: 'People into work or training',
          help: 'Outcome so far: people placed',
        }),
      ),
      youngPeopleIntoWorkOrTraining: z.optional(
        integer({
          title: 'Young people into work or training',
          help: 'Of those, young people under 25',
        }),
      ),
      outcomes: z.optional(longText({ title: 'Outcomes', help: 'What the strategy achieved' })),
    }),
  scope: { field: 'councilId' },
  councilField: 'councilId',
  rules: [requireTaskforceMember('councilId', 'a strategy'), requireAgreedAgreementWhenActive],
  refine: combine(
    requiredWhen(
      'startedOn',
      (v) => v.status === 'active' || v.status === 'completed',
      'give the date the strategy started',
    ),
    requiredWhen('completedOn', (v) => v.status === 'completed', 'give the date the strategy was completed'),
    dateOrder('startedOn', 'completedOn', 'the completion date must not be before the start date'),
    notMoreThan(
      'youngPeopleIntoWorkOrTraining',
      'peopleIntoWorkOrTraining',
      'young people are counted among all people, so cannot be more',
    ),
  ),
});
