import { knowledgeBaseArea } from '../api/routes/knowledge-base.ts';
import { KnowledgeBase } from '../domain/knowledge-base.ts';
import { apiFunctionHandler } from './api-function.ts';

/**
 * Lambda entry for the national knowledge base (GET /v1/knowledge-base): its own function, so the
 * search index it builds in memory at the first search of each process weighs on nobody else's cold
 * start, and it can only read the table (functions/api/api-functions.ts).
 */
export const handler = apiFunctionHandler('knowledge', ({ store }) => [
  knowledgeBaseArea(new KnowledgeBase(store)),
]);
