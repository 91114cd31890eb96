import type { Principal } from '../../functions/domain/principal.ts';
import type { RecordService } from '../../functions/domain/record-service.ts';
import { KNOWLEDGE_TOPICS } from '../../functions/records/knowledge-topics.ts';
import { definitionForType } from '../../functions/records/registry.ts';
import { type ReferenceData, referenceData, slugOf } from '../reference.ts';
import { type LoadCounts, pushRows, type SeedRow } from '../seed-loader.ts';
import { organisationDescription, serviceDetails } from './directory-details.ts';
import { SERVICE_PATTERNS, shortName } from './names.ts';
import { Random } from './random.ts';

/**
 * A national-scale data set for benchmarks and load checks (`npm run demo:scale`): as many listed
 * services (with their organisations), good practices and needs as asked for, spread over every
 * CEG region and its councils, on top of the reference data. Same counts and seed, same rows.
 * Ids start `scale-` so the set sits beside the ordinary demo data without touching it.
 */
export interface ScaleOptions {
  services?: number;
  practices?: number;
  /** Needs, as plain records of a council (for reading one record among many). */
  records?: number;
  seed?: number;
  reference?: ReferenceData;
}

/** The order scale rows load in: organisations before the services that name them. */
export const SCALE_LOAD_ORDER = ['organisation', 'service', 'practice', 'need'] as const;

const SECTORS = ['community', 'iwi', 'education', 'business', 'government'] as const;
const ORGANISATION_KINDS = [
  'Employment Trust',
  'Youth Services',
  'Skills Hub',
  'Community Works',
  'Whānau Services',
  'Business Network',
  'Training Centre',
];

const pad = (i: number) => String(i + 1).padStart(6, '0');

function councilsByRegion(reference: ReferenceData) {
  const ceg = reference.regions.filter((r) => r.cegRegion);
  return ceg
    .map((region) => ({ region, councils: reference.councils.filter((c) => c.regionId === region.id) }))
    .filter((r) => r.councils.length > 0);
}

function organisations(rng: Random, count: number, places: ReturnType<typeof councilsByRegion>): SeedRow[] {
  return Array.from({ length: count }, (_, i) => {
    const { region, councils } = places[i % places.length]!;
    const area = shortName(rng.pick(councils).name);
    const sector = rng.pick(SECTORS);
    return {
      type: 'organisation',
      id: `scale-org-${pad(i)}`,
      values: {
        regionId: region.id,
        name: `${area} ${rng.pick(ORGANISATION_KINDS)} ${i + 1}`,
        description: organisationDescription(sector),
        sector,
        keyPlayer: rng.chance(0.3),
      },
    };
  });
}

function services(
  rng: Random,
  count: number,
  places: ReturnType<typeof councilsByRegion>,
  providers: SeedRow[],
): SeedRow[] {
  return Array.from({ length: count }, (_, i) => {
    // Five services to each organisation, in the organisation's region: a larger set begins with
    // exactly the rows of a smaller one (the benchmarks grow the set step by step).
    const provider = providers[Math.floor(i / 5)]!;
    const { region, councils } = places[Math.floor(i / 5) % places.length]!;
    const council = rng.pick(councils);
    const area = shortName(council.name);
    const pattern = rng.pick(SERVICE_PATTERNS);
    const domain = `${slugOf(`${area} ${pattern.name}`)}-${i + 1}.example.nz`;
    return {
      type: 'service',
      id: `scale-service-${pad(i)}`,
      values: {
        regionId: region.id,
        councilId: council.id,
        name: `${area} ${pattern.name} ${i + 1}`,
        provider: String(provider.values.name),
        organisationId: provider.id,
        category: pattern.category,
        description: pattern.description,
        area,
        ...serviceDetails(rng, region.id, pattern.category, area),
        phone: `0${rng.int(3, 9)} ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`,
        email: `info@${domain}`,
        listed: true,
      },
    };
  });
}

/**
 * Text as people write it: words drawn from a 3,000-word vocabulary by Zipf's law (a few words are
 * everywhere, most are rare), with the domain words at middling ranks, so a search for "youth"
 * matches a few hundred practices of 10,000 rather than most of them.
 */
export const PRACTICE_WORDS = [
  'youth',
  'employer',
  'breakfast',
  'marae',
  'cadetship',
  'Māori',
  'Pasifika',
  'roadshow',
  'forum',
  'mentoring',
  'apprenticeship',
  'council',
  'training',
  'transport',
  'rural',
  'digital',
  'tourism',
  'forestry',
  'dairy',
  'retail',
];

function zipfWords(rng: Random): () => string {
  const syllables = [
    'ka',
    'ro',
    'mi',
    'te',
    'wha',
    'nu',
    'po',
    'ri',
    'ta',
    'ne',
    'ho',
    'mo',
    'ki',
    'ra',
    'tu',
    'pa',
  ];
  const words = Array.from({ length: 3000 }, () =>
    Array.from({ length: rng.int(2, 4) }, () => rng.pick(syllables)).join(''),
  );
  PRACTICE_WORDS.forEach((word, i) => {
    words[40 + i * 7] = word;
  });
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 0; rank < words.length; rank++) {
    sum += 1 / (rank + 1);
    cumulative.push(sum);
  }
  return () => {
    const target = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

function practices(rng: Random, count: number, places: ReturnType<typeof councilsByRegion>): SeedRow[] {
  const word = zipfWords(rng);
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const { region } = places[i % places.length]!;
    const whatWorked = rng.chance(0.6) ? `${sentence(8)}.` : undefined;
    const whatDidNot = rng.chance(0.4) ? `${sentence(6)}.` : undefined;
    return {
      type: 'practice',
      id: `scale-practice-${pad(i)}`,
      values: {
        regionId: region.id,
        title: `${word()} ${rng.pick(PRACTICE_WORDS)} programme ${i + 1}`,
        summary: `We ran ${sentence(12)}.`,
        topic: rng.pick(KNOWLEDGE_TOPICS),
        ...(whatWorked ? { whatWorked } : {}),
        ...(whatDidNot ? { whatDidNot } : {}),
      },
    };
  });
}

const NEEDS = [
  'School leavers without a plan',
  'Seasonal work ending',
  'No bus to the industrial park',
  'Employers short of drivers',
];

function needs(rng: Random, count: number, places: ReturnType<typeof councilsByRegion>): SeedRow[] {
  return Array.from({ length: count }, (_, i) => {
    const { councils } = places[i % places.length]!;
    return {
      type: 'need',
      id: `scale-need-${pad(i)}`,
      values: {
        councilId: rng.pick(councils).id,
        title: `${rng.pick(NEEDS)} (${i + 1})`,
        kind: rng.chance(0.8) ? 'need' : 'opportunity',
        identifiedOn: `2026-${String(rng.int(1, 10)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        status: 'open',
      },
    };
  });
}

/** The rows of a national-scale data set, in load order. */
export function generateScaleData(options: ScaleOptions): SeedRow[] {
  const rng = new Random(options.seed ?? 2026);
  const places = councilsByRegion(options.reference ?? referenceData());
  const serviceCount = options.services ?? 0;
  // About one organisation for every five services, as in the demo regions.
  const providers = organisations(rng.fork('organisations'), Math.ceil(serviceCount / 5), places);
  return [
    ...providers,
    ...services(rng.fork('services'), serviceCount, places, providers),
    ...practices(rng.fork('practices'), options.practices ?? 0, places),
    ...needs(rng.fork('needs'), options.records ?? 0, places),
  ];
}

/**
 * Loads scale rows through the one write path (`RecordService.push`, chunks of 500) as
 * `principal`, type by type; a second load of the same rows changes nothing.
 */
export async function loadScaleData(
  service: RecordService,
  principal: Principal,
  rows: readonly SeedRow[],
  onType?: (type: string, counts: LoadCounts, ms: number) => void,
): Promise<void> {
  for (const type of SCALE_LOAD_ORDER) {
    const ofType = rows.filter((r) => r.type === type);
    if (ofType.length === 0) continue;
    const started = performance.now();
    const counts = await pushRows(
      service,
      principal,
      definitionForType(type)!,
      ofType.map((r) => ({ id: r.id, values: r.values })),
    );
    onType?.(type, counts, performance.now() - started);
  }
}
