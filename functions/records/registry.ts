import type { RecordDefinition } from './definition.ts';
import { action } from './types/action.ts';
import { activity } from './types/activity.ts';
import { adviser } from './types/adviser.ts';
import { agreement } from './types/agreement.ts';
import { buddyPair } from './types/buddy-pair.ts';
import { communication } from './types/communication.ts';
import { council } from './types/council.ts';
import { employmentProfile } from './types/employment-profile.ts';
import { event } from './types/event.ts';
import { indicator } from './types/indicator.ts';
import { jointVenture } from './types/joint-venture.ts';
import { lecGroup } from './types/lec-group.ts';
import { membership } from './types/membership.ts';
import { need } from './types/need.ts';
import { organisation } from './types/organisation.ts';
import { practice } from './types/practice.ts';
import { progressReport } from './types/progress-report.ts';
import { publicity } from './types/publicity.ts';
import { region } from './types/region.ts';
import { resourceLine } from './types/resource-line.ts';
import { service } from './types/service.ts';
import { strategy } from './types/strategy.ts';

/** Every record type, in the order staff meet them. Adding a type: one file and one line here. */
export const RECORD_DEFINITIONS: readonly RecordDefinition[] = [
  region,
  council,
  adviser,
  agreement,
  need,
  strategy,
  activity,
  publicity,
  communication,
  practice,
  progressReport,
  indicator,
  lecGroup,
  organisation,
  membership,
  employmentProfile,
  service,
  resourceLine,
  jointVenture,
  event,
  action,
  buddyPair,
] as unknown as readonly RecordDefinition[];

/**
 * The lists of types that share a trait, read from what each definition declares: a new type
 * that takes sign-offs or belongs to the knowledge base joins its list, its routes, its document
 * and its index with no edit here.
 */
export const SIGN_OFF_DEFINITIONS = RECORD_DEFINITIONS.filter((d) => d.signOff !== undefined);
export const KNOWLEDGE_DEFINITIONS = RECORD_DEFINITIONS.filter((d) => d.knowledgeBase !== undefined);

const byType = new Map(RECORD_DEFINITIONS.map((d) => [d.type, d]));
const byPath = new Map(RECORD_DEFINITIONS.map((d) => [d.path, d]));

export function definitionForType(type: string): RecordDefinition | undefined {
  return byType.get(type);
}

export function definitionForPath(path: string): RecordDefinition | undefined {
  return byPath.get(path);
}
