import * as z from 'zod/mini';
import { defineRecord } from '../definition.ts';
import { longText, oneOf, ref, text } from '../fields.ts';
import { KNOWLEDGE_TOPICS } from '../knowledge-topics.ts';

/** Good practice and working models for the national knowledge base (rule 9: advisers contribute). */
export const practice = defineRecord({
  type: 'practice',
  path: 'practices',
  label: 'Practice',
  pluralLabel: 'Practices',
  description:
    "Good practice and successful working models for the knowledge base: what worked and what didn't.",
  schema: () =>
    z.object({
      regionId: ref('region', { title: 'Region', help: 'Where the practice comes from' }),
      title: text({ title: 'Title', help: 'A short name for the practice' }),
      summary: longText({ title: 'Summary', help: 'What was done' }),
      topic: z.optional(oneOf(KNOWLEDGE_TOPICS, { title: 'Topic', help: 'What the practice is about' })),
      whatWorked: z.optional(longText({ title: 'What worked', help: 'What to repeat' })),
      whatDidNot: z.optional(longText({ title: "What didn't", help: 'What to avoid' })),
      strategyId: z.optional(
        ref('strategy', { title: 'Strategy', help: 'The strategy it came from, if any' }),
      ),
      adviserId: z.optional(
        ref('adviser', {
          title: 'Contributed by',
          help: 'The adviser who contributed it, if any',
        }),
      ),
    }),
  scope: { field: 'regionId' },
  knowledgeBase: { title: 'title', summary: 'summary' },
});
