import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DirectoryService } from '../../../functions/directory/public-directory.ts';
import { compareServices, ServiceIndex, searchWords } from '../../../functions/directory/search.ts';
import { foldForSearch } from '../../../functions/records/public-view.ts';

const WORDS = [
  'Whangārei',
  'youth',
  'Youths',
  'CV',
  'driver',
  "driver's",
  'licence',
  'Māori',
  'trades',
  'job-search',
  'Ōtautahi',
  'hub,',
  'café',
];
const REGIONS = ['northland', 'canterbury', 'otago'];
const CATEGORIES = ['youth', 'job-search', 'training'];

function service(i: number, words: string[], regionId: string, category: string): DirectoryService {
  return {
    id: `s-${i}`,
    uuid: `u-${i}`,
    regionId,
    regionName: regionId,
    updatedAt: '2026-11-01T00:00:00.000Z',
    name: `${words[0] ?? 'Service'} ${i % 3}`,
    provider: 'Provider',
    category,
    categoryLabel: category,
    description: words.join(' '),
    openingPeriods: [],
  };
}

/** What the directory meant by a search before the index: every word a substring of the folded text. */
function naive(services: DirectoryService[], search: { region?: string; category?: string; words?: string }) {
  const text = (s: DirectoryService) =>
    foldForSearch([s.name, s.provider, s.description, s.categoryLabel, s.regionName].join(' '));
  const words = searchWords(search.words);
  return services
    .filter(
      (s) =>
        (!search.region || s.regionId === search.region) &&
        (!search.category || s.category === search.category) &&
        words.every((w) => text(s).includes(w)),
    )
    .sort(compareServices);
}

const arbitraryServices = fc.array(
  fc.record({
    words: fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }),
    region: fc.constantFrom(...REGIONS),
    category: fc.constantFrom(...CATEGORIES),
  }),
  { maxLength: 30 },
);
const arbitrarySearch = fc.record({
  region: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined }),
  words: fc.option(
    fc
      .array(
        fc.constantFrom(
          'whangarei',
          'YOUTH',
          'driver',
          'river',
          'maori',
          'cv',
          'hub',
          'cafe',
          'job',
          'ō',
          's',
        ),
        { maxLength: 3 },
      )
      .map((w) => w.join(' ')),
    { nil: undefined },
  ),
});

describe('the service index', () => {
  it('should find exactly what a substring search of every service finds, in the same order', () => {
    fc.assert(
      fc.property(arbitraryServices, fc.array(fc.nat(40)), arbitrarySearch, (rows, removals, search) => {
        // Prepare
        const index = new ServiceIndex();
        const services = rows.map((r, i) => service(i, r.words, r.region, r.category));
        for (const s of services) index.put(s);
        for (const i of removals) index.remove(`s-${i}`);
        const remaining = services.filter((_, i) => !removals.includes(i));
        // Act
        const found = index.search(search);
        // Assess
        expect(found.map((s) => s.id)).toEqual(naive(remaining, search).map((s) => s.id));
      }),
      { numRuns: 200 },
    );
  });

  it('should replace a service put again under its id, without keeping its old words', () => {
    // Prepare
    const index = new ServiceIndex();
    index.put(service(1, ['driver', 'licence'], 'otago', 'training'));
    // Act
    index.put(service(1, ['café'], 'canterbury', 'youth'));
    // Assess
    expect(index.size).toBe(1);
    expect(index.search({ words: 'licence' })).toEqual([]);
    expect(index.search({ region: 'otago' })).toEqual([]);
    expect(index.search({ words: 'cafe', region: 'canterbury' }).map((s) => s.id)).toEqual(['s-1']);
  });
});
