import { describe, expect, it } from 'vitest';
import {
  findCouncilByName,
  foldName,
  parseReferenceData,
  referenceData,
  slugOf,
} from '../../../data/reference.ts';

describe('reference data: New Zealand regions and councils', () => {
  // Act, shared by the tests of this group: the reference data as the app reads it (each test is its Assess).
  const { regions, councils } = referenceData();

  it('should hold the 67 councils (13 cities, 53 districts, the Chatham Islands) in 16 CEG regions and the Area Outside Region', () => {
    // Assess
    expect(councils).toHaveLength(67);
    expect(councils.filter((c) => c.kind === 'city')).toHaveLength(13);
    expect(councils.filter((c) => c.kind === 'district')).toHaveLength(53);
    expect(councils.filter((c) => c.kind === 'territory').map((c) => c.id)).toEqual([
      'chatham-islands-territory',
    ]);
    expect(regions.filter((r) => r.cegRegion)).toHaveLength(16);
    expect(regions.filter((r) => !r.cegRegion)).toEqual([
      { id: 'area-outside-region', name: 'Area Outside Region', cegRegion: false },
    ]);
    expect(councils.find((c) => c.id === 'chatham-islands-territory')?.regionId).toBe('area-outside-region');
  });

  it('should spell names with their official macrons, in composed Unicode', () => {
    // Assess
    const names = [...councils.map((c) => c.name), ...regions.map((r) => r.name)];
    expect(names).toEqual(
      expect.arrayContaining([
        'Whangārei District',
        'Waipā District',
        'Ōtorohanga District',
        'Taupō District',
        'Whakatāne District',
        'Ōpōtiki District',
        'Rangitīkei District',
        'Manawatū District',
        'Kāpiti Coast District',
        'Kaikōura District',
        'Manawatū-Whanganui',
        'Whanganui District',
        "Hawke's Bay",
      ]),
    );
    expect(names.every((name) => name === name.normalize('NFC'))).toBe(true);
    expect(names.filter((name) => /Manawatu\b|Taupo\b|Whangarei|Wanganui/.test(name))).toEqual([]);
  });

  it('should give every region and council a stable ASCII slug id made from its name', () => {
    // Assess
    for (const record of [...regions, ...councils]) {
      expect(record.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(record.id).toBe(slugOf(record.name));
    }
    expect(regions.map((r) => r.id)).toContain('manawatu-whanganui');
    expect(councils.map((c) => c.id)).toEqual(
      expect.arrayContaining(['whangarei-district', 'christchurch-city', 'central-hawkes-bay-district']),
    );
  });

  it('should refuse a councils file with a duplicate id or an unknown kind', () => {
    // Prepare
    const header = 'id,name,kind,region\n';

    // Act
    const duplicateId = () => parseReferenceData(`${header}a-city,A City,city,X\na-city,A City,city,X\n`);
    const unknownKind = () => parseReferenceData(`${header}a,A,borough,X\n`);

    // Assess
    expect(duplicateId).toThrow('line 3: id "a-city" is used twice');
    expect(unknownKind).toThrow('line 2: kind "borough" must be one of city, district, territory');
  });
});

describe('matching council names with and without macrons', () => {
  it.each([
    ['  Whangārei   DISTRICT ', 'whangarei district'],
    ['Hawke\u2019s Bay', "hawke's bay"],
  ])('should fold macrons, case, curly apostrophes and spacing: %j', (name, folded) => {
    // Act
    const result = foldName(name);

    // Assess
    expect(result).toBe(folded);
  });

  it.each([
    ["Central Hawke's Bay District", 'central-hawkes-bay-district'],
    ['Manawatū-Whanganui', 'manawatu-whanganui'],
  ])('should make the slug id of %s from its folded name', (name, slug) => {
    // Act
    const result = slugOf(name);

    // Assess
    expect(result).toBe(slug);
  });

  it.each([
    ['Whangarei District', 'whangarei-district'],
    ['whangārei district', 'whangarei-district'],
    ['TAUPO DISTRICT', 'taupo-district'],
    ['Opotiki District Council', 'opotiki-district'],
    ['Manawatu District', 'manawatu-district'],
    ['Wanganui District', 'whanganui-district'],
    ['Hutt City', 'lower-hutt-city'],
    ['Christchurch', 'christchurch-city'],
    ['Whangarei', 'whangarei-district'],
    ['kaikoura', 'kaikoura-district'],
  ])('should find %s', (name, id) => {
    // Act
    const council = findCouncilByName(name);

    // Assess
    expect(council?.id).toBe(id);
  });

  it('should find nothing for a name that is no council', () => {
    // Act
    const council = findCouncilByName('Gondor District');

    // Assess
    expect(council).toBeUndefined();
  });
});
