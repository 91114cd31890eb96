/**
 * Topics of the knowledge base, from the two source documents' objectives: what a practice or a
 * joint venture is about, so that an adviser can find "youth" or "business" work from anywhere.
 */
export const KNOWLEDGE_TOPICS = [
  'youth-employment',
  'work-and-training',
  'business-engagement',
  'lec-coordination',
  'joint-venture',
  'local-services',
  'labour-market-information',
  'resource-audit',
  'communities-at-disadvantage',
  'mayor-relationship',
  'training-and-skills',
  'other',
] as const;
