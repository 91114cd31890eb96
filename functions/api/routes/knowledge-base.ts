import * as z from 'zod/mini';
import type { KnowledgeBase } from '../../domain/knowledge-base.ts';
import { KNOWLEDGE_TYPES } from '../../domain/knowledge-index.ts';
import { KNOWLEDGE_TOPICS } from '../../records/knowledge-topics.ts';
import { AreaRoutes, defineRoute } from '../declare-route.ts';
import type { OperationDoc } from '../operation-doc.ts';
import { queryFields } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const LESSONS = ['worked', 'did-not'] as const;

const searchKnowledgeBase = defineRoute({
  method: 'get',
  path: '/v1/knowledge-base',
  query: {
    q: z.optional(z.string().check(z.maxLength(200, { error: 'must be at most 200 characters' }))),
    region: queryFields.region,
    topic: z.optional(z.enum(KNOWLEDGE_TOPICS, { error: `expected one of: ${KNOWLEDGE_TOPICS.join(', ')}` })),
    type: z.optional(z.enum(KNOWLEDGE_TYPES, { error: `expected one of: ${KNOWLEDGE_TYPES.join(', ')}` })),
    lesson: z.optional(z.enum(LESSONS, { error: 'expected worked or did-not' })),
    limit: queryFields.limit,
    offset: z.optional(
      z.coerce
        .number({ error: 'expected a whole number' })
        .check(
          z.int({ error: 'expected a whole number' }),
          z.gte(0, { error: 'must be 0 or more' }),
          z.lte(100_000, { error: 'must be at most 100000' }),
        ),
    ),
  },
});

/** Search the national knowledge base: words, region, topic, type and "what worked / what did not". */
export function knowledgeBaseArea(knowledge: KnowledgeBase): RouteArea {
  const area = new AreaRoutes('/v1/knowledge-base');
  area.on(searchKnowledgeBase, async (c, { query }) => {
    const result = await knowledge.search(c.get('principal'), {
      words: query.q,
      regionId: query.region,
      topic: query.topic,
      type: query.type,
      lesson: query.lesson,
      limit: query.limit ?? 20,
      offset: query.offset,
    });
    return c.json(result);
  });

  return { name: 'knowledge-base', prefix: area.prefix, routes: area.routes, declared: area.declared };
}

/** The knowledge base's operation in the OpenAPI document (build time only: see operation-doc.ts). */
export function knowledgeBaseOperations(): OperationDoc[] {
  return [
    {
      route: searchKnowledgeBase,
      operationId: 'searchKnowledgeBase',
      tags: ['Knowledge base'],
      access: 'read',
      summary: 'Search good practice and joint ventures from all of New Zealand',
      description:
        'Words match titles, summaries and what worked or did not, whatever the case or macrons ("Maori" finds "Māori"), by prefix. Without words, the newest first. Facets count the matches by region and topic.',
      parameters: {
        q: 'Words to look for',
        region: 'Only this region',
        topic: 'Only this topic',
        type: 'Only entries of this record type',
        lesson: 'Only entries that say what worked, or what did not',
        limit: 'At most this many (default 20)',
        offset: 'Skip this many (for the next page)',
      },
      responses: {
        200: {
          description: 'The matches',
          schema: { $ref: '#/components/schemas/KnowledgeResult' },
          example: {
            total: 1,
            items: [
              {
                key: 'practice#01J8',
                type: 'practice',
                id: '01J8',
                regionId: 'otago',
                topic: 'youth-employment',
                title: 'Māori trades cadetships with the marae',
                summary: 'Cadets trained on marae building projects.',
                whatWorked: 'Whānau support',
                updatedAt: '2026-11-02T03:00:00.000Z',
                version: 2,
                score: 12.5,
              },
            ],
            facets: { regions: { otago: 1 }, topics: { 'youth-employment': 1 } },
          },
        },
      },
      problems: [400, 401, 403],
    },
  ];
}
