import { isIsoDate } from '../../functions/domain/iso-date.ts';
import { newZealandDate } from '../../functions/domain/new-zealand-day.ts';
import { type ReferenceData, referenceData } from '../reference.ts';
import type { SeedRow } from '../seed-loader.ts';
import { addLecGroups } from './lec.ts';
import {
  addAdvisers,
  addAgreements,
  addMembership,
  addNeeds,
  addRegionTeams,
  addStrategies,
} from './partnership.ts';
import { Random } from './random.ts';
import {
  addActivities,
  addCommunications,
  addIndicators,
  addPractices,
  addProgressReports,
  addPublicity,
} from './reporting.ts';
import { DemoWorld } from './world.ts';

/** The seed `npm start` uses; any other number gives another, equally valid, world. */
export const DEFAULT_DEMO_SEED = 2001;

/**
 * The order demo rows are loaded in: every record after the records it refers to, and
 * agreements before strategies (rule 5 needs an agreed agreement before a strategy is active).
 */
export const DEMO_LOAD_ORDER = [
  'region',
  'council',
  'adviser',
  'agreement',
  'need',
  'strategy',
  'activity',
  'publicity',
  'communication',
  'practice',
  'progress-report',
  'indicator',
  'lec-group',
  'organisation',
  'membership',
  'employment-profile',
  'service',
  'resource-line',
  'joint-venture',
  'event',
  'action',
  'buddy-pair',
] as const;

export interface DemoOptions {
  /** Same seed, same `today`: the same rows, byte for byte. */
  seed?: number;
  /** The day the data is made for (YYYY-MM-DD): activities end the week before it. */
  today?: string;
  /** Fill only these CEG regions (for quick tests); every region when absent. */
  regionIds?: readonly string[];
  reference?: ReferenceData;
}

/**
 * Invents a working year of the partnership for every region: membership, advisers,
 * agreements, needs, strategies, twelve weeks of activities, indicators, LEC groups with their
 * members, services, events and the rest, as plain rows valid against the record definitions
 * and the domain rules, in load order.
 */
export function generateDemoData(options: DemoOptions = {}): SeedRow[] {
  const today = options.today ?? newZealandDate();
  if (!isIsoDate(today)) throw new Error(`today must be a date like 2026-03-16, got "${today}"`);
  const reference = options.reference ?? referenceData();
  const ceg = reference.regions.filter((r) => r.cegRegion);
  const unknown = options.regionIds?.filter((id) => !ceg.some((r) => r.id === id)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `no CEG region with id ${unknown.map((id) => `"${id}"`).join(', ')}; choose from ${ceg.map((r) => r.id).join(', ')}`,
    );
  const regions = options.regionIds ? ceg.filter((r) => options.regionIds!.includes(r.id)) : ceg;
  const world = new DemoWorld(
    new Random(options.seed ?? DEFAULT_DEMO_SEED),
    today,
    reference,
    regions,
    regions.length === ceg.length,
  );

  addMembership(world);
  addRegionTeams(world);
  addAdvisers(world);
  const agreements = addAgreements(world);
  addNeeds(world);
  addStrategies(world, agreements);
  addActivities(world);
  addPublicity(world);
  addCommunications(world);
  addPractices(world);
  addProgressReports(world);
  addIndicators(world);
  addLecGroups(world);

  return DEMO_LOAD_ORDER.flatMap((type) => world.of(type));
}
