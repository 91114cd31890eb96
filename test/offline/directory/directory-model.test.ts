import { describe, expect, it } from 'vitest';
import { DirectoryModel } from '../../../functions/directory/directory-model.ts';
import type { StoredRecord } from '../../../functions/records/definition.ts';

let clock = Date.parse('2026-11-01T00:00:00Z');

/** A stored record as the table holds it; each call is a new version a second later. */
function stored(
  type: string,
  id: string,
  regionId: string,
  values: Record<string, unknown>,
  version = 1,
  deleted = false,
): StoredRecord {
  clock += 1000;
  const at = new Date(clock).toISOString();
  return {
    id,
    type,
    regionId,
    version,
    createdAt: at,
    createdBy: 'test',
    updatedAt: at,
    updatedBy: 'test',
    values,
    ...(deleted ? { deletedAt: at, deletedBy: 'test' } : {}),
  } as StoredRecord;
}

const region = (id: string, name: string, version = 1) =>
  stored('region', id, id, { name, cegRegion: true }, version);
const council = (id: string, name: string, regionId: string) =>
  stored('council', id, regionId, { name, regionId });
const service = (id: string, values: Record<string, unknown>, version = 1, deleted = false) =>
  stored(
    'service',
    id,
    String(values.regionId ?? 'canterbury'),
    {
      regionId: 'canterbury',
      name: `Service ${id}`,
      provider: 'Ara Trust',
      category: 'youth',
      description: 'Support into work.',
      listed: true,
      ...values,
    },
    version,
    deleted,
  );

function model(...records: StoredRecord[]): DirectoryModel {
  const m = new DirectoryModel();
  m.applyAll([region('canterbury', 'Canterbury'), region('northland', 'Northland'), ...records]);
  return m;
}

describe('the directory read model', () => {
  it('should show only listed services, in name order, with their region and council names', () => {
    // Act
    const m = model(
      council('ashburton-district', 'Ashburton District', 'canterbury'),
      service('b', { name: 'Ōtautahi Jobs', councilId: 'ashburton-district' }),
      service('a', { name: 'Ashburton Workshop' }),
      service('c', { name: 'Hidden Pilot', listed: false }),
    );
    // Assess
    expect(m.services.map((s) => s.name)).toEqual(['Ashburton Workshop', 'Ōtautahi Jobs']);
    expect(m.service('b')).toMatchObject({ regionName: 'Canterbury', councilName: 'Ashburton District' });
    expect(m.service('c')).toBeUndefined();
    expect(m.councils.map((c) => c.id)).toEqual(['ashburton-district']);
  });

  it.each([
    ['taken down (listed false)', service('x', { listed: false }, 2)],
    ['deleted (a tombstone)', service('x', {}, 2, true)],
  ])('should drop a service %s, from the list, the search and the counts', (_, change) => {
    // Prepare
    const m = model(service('x', { name: 'Going Soon' }));
    // Act
    m.apply(change);
    // Assess
    expect(m.service('x')).toBeUndefined();
    expect(m.search({ words: 'going' })).toEqual([]);
    expect(m.regions.find((r) => r.id === 'canterbury')?.serviceCount).toBe(0);
    expect(m.categories).toEqual([]);
  });

  it('should ignore a copy older than the version it holds (a refresh re-reading its overlap)', () => {
    // Prepare
    const m = model(service('x', { name: 'Newer Name' }, 3));
    // Act
    const applied = m.apply(service('x', { name: 'Older Name' }, 2));
    // Assess
    expect(applied).toBe(false);
    expect(m.service('x')?.name).toBe('Newer Name');
  });

  it('should show an organisation change on every service it runs', () => {
    // Prepare
    const organisation = (version: number, name: string) =>
      stored(
        'organisation',
        'org-1',
        'canterbury',
        { regionId: 'canterbury', name, sector: 'community' },
        version,
      );
    const m = model(
      organisation(1, 'Ara Trades Trust'),
      service('x', { organisationId: 'org-1' }),
      service('y', { organisationId: 'org-1' }),
    );
    // Act
    m.apply(organisation(2, 'Ara Trades and Skills Trust'));
    // Assess
    expect(m.services.map((s) => s.organisation?.name)).toEqual([
      'Ara Trades and Skills Trust',
      'Ara Trades and Skills Trust',
    ]);
    expect(m.search({ words: 'skills' })).toHaveLength(2);
  });

  it('should show a renamed region on its services and in what finds them', () => {
    // Prepare
    const m = model(service('x', {}));
    // Act
    m.apply(region('canterbury', 'Waitaha Canterbury', 2));
    // Assess
    expect(m.service('x')?.regionName).toBe('Waitaha Canterbury');
    expect(m.search({ words: 'waitaha' }).map((s) => s.id)).toEqual(['x']);
  });

  it('should keep a service found by its new words and not its old ones after an edit', () => {
    // Prepare
    const m = model(service('x', { description: 'Driver licence lessons.' }));
    // Act
    m.apply(service('x', { description: 'CV writing clinic.' }, 2));
    // Assess
    expect(m.search({ words: 'driver' })).toEqual([]);
    expect(m.search({ words: 'cv clinic' }).map((s) => s.id)).toEqual(['x']);
  });

  it('should show a region the newest of its published profiles, and none unpublished', () => {
    // Prepare
    const profile = (id: string, publishedOn: string, published = true) =>
      stored('employment-profile', id, 'canterbury', {
        regionId: 'canterbury',
        title: `Profile ${id}`,
        summary: 'Who is out of work.',
        published,
        publishedOn,
      });
    // Act
    const m = model(
      profile('old', '2026-01-01'),
      profile('new', '2026-06-01'),
      profile('draft', '2026-09-01', false),
    );
    // Assess
    expect(m.profiles.map((p) => p.id)).toEqual(['new', 'old']);
    expect(m.regions.find((r) => r.id === 'canterbury')?.hasProfile).toBe(true);
  });
});
