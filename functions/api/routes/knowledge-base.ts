import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { KnowledgeBase } from '../../domain/knowledge-base.ts';
import { KNOWLEDGE_TYPES } from '../../domain/knowledge-index.ts';
import { KNOWLEDGE_TOPICS } from '../../records/knowledge-topics.ts';
import { type AppEnv, parseQuery, queryFields } from '../request.ts';
import type { RouteArea } from '../route-area.ts';

const LESSONS = ['worked', 'did-not'] as const;

/** Search the national knowledge base: words, region, topic, type and "what worked / what did not". */
export function knowledgeBaseArea(knowledge: KnowledgeBase): RouteArea {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const q = parseQuery(c, {
      q: z.optional(z.string().check(z.maxLength(200, { error: 'must be at most 200 characters' }))),
      region: queryFields.region,
      topic: z.optional(
        z.enum(KNOWLEDGE_TOPICS, { error: `expected one of: ${KNOWLEDGE_TOPICS.join(', ')}` }),
      ),
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
    });
    const result = await knowledge.search(c.get('principal'), {
      words: q.q,
      regionId: q.region,
      topic: q.topic,
      type: q.type,
      lesson: q.lesson,
      limit: q.limit ?? 20,
      offset: q.offset,
    });
    return c.json(result);
  });

  return { name: 'knowledge-base', prefix: '/v1/knowledge-base', routes: app };
}
