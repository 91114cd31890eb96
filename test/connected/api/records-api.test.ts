import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
});
afterAll(() => h.close());

describe('records API: create, read, update, delete', () => {
  it('should create a record with system fields and return it with its version as ETag', async () => {
    // Act
    const response = await h.request('POST', '/v1/strategies', {
      token: world.tokens.canterbury,
      body: values.strategy('christchurch-city'),
    });

    // Assess: the answer, and the record as anyone allowed reads it back.
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/v1/strategies/${response.body.id}`);
    expect(response.body).toMatchObject({
      type: 'strategy',
      regionId: 'canterbury',
      councilId: 'christchurch-city',
      version: 1,
      createdBy: 'cant@ceg.example.nz',
      values: { title: 'Youth into trades', goal: '2005-youth' },
    });
    const read = await h.request('GET', `/v1/strategies/${response.body.id}`, { token: world.tokens.viewer });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  // One record through its life, so each step below builds on the one before.
  it('should update with If-Match, keep history of who changed what, and delete to a tombstone', async () => {
    // Prepare
    const created = await h.request('POST', '/v1/needs', {
      token: world.tokens.adviser,
      body: {
        councilId: 'christchurch-city',
        title: 'School leavers in the east',
        kind: 'need',
        identifiedOn: '2026-10-01',
        status: 'open',
      },
    });
    const id = created.body.id;

    // Act: update.
    const patched = await h.request('PATCH', `/v1/needs/${id}`, {
      token: world.tokens.canterbury,
      body: { status: 'addressed' },
      headers: { 'if-match': '"1"' },
    });

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.values.status).toBe('addressed');

    // Act: delete.
    const deleted = await h.request('DELETE', `/v1/needs/${id}`, {
      token: world.tokens.canterbury,
      headers: { 'if-match': '"2"' },
    });

    // Assess: a tombstone that reads as gone, and the history of all three steps.
    expect(deleted.status).toBe(200);
    expect(deleted.body.deletedAt).toBeTruthy();
    const gone = await h.request('GET', `/v1/needs/${id}`, { token: world.tokens.canterbury });
    expect(gone.status).toBe(410);
    const history = await h.request('GET', `/v1/needs/${id}/history`, { token: world.tokens.canterbury });
    expect(history.status).toBe(200);
    expect(
      history.body.items.map((e: { op: string; version: number; by: string }) => [e.op, e.version, e.by]),
    ).toEqual([
      ['created', 1, 'aroha@ceg.example.nz'],
      ['updated', 2, 'cant@ceg.example.nz'],
      ['deleted', 3, 'cant@ceg.example.nz'],
    ]);
    expect(history.body.items[1].changes).toEqual([{ field: 'status', from: 'open', to: 'addressed' }]);
  });
});

describe('records API: safe retries and lists', () => {
  it('should create once when a POST is retried with the same Idempotency-Key', async () => {
    // Prepare
    const body = {
      regionId: 'canterbury',
      title: 'Retried practice',
      summary: 'Sent twice after a time-out',
    };
    const headers = { 'idempotency-key': 'c0ffee00-1111-4222-8333-444455556666' };

    // Act: the POST, its retry, and another body under the same key.
    const first = await h.request('POST', '/v1/practices', { token: world.tokens.canterbury, body, headers });
    const second = await h.request('POST', '/v1/practices', {
      token: world.tokens.canterbury,
      body,
      headers,
    });
    const different = await h.request('POST', '/v1/practices', {
      token: world.tokens.canterbury,
      body: { ...body, title: 'Another' },
      headers,
    });

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.version).toBe(1);
    expect(different.status).toBe(409);
  });

  it('should accept an Idempotency-Key for records whose ids come from their values', async () => {
    // Prepare
    const body = { regionId: 'canterbury', quarter: '2026-Q2', summary: 'On track.', status: 'draft' };
    const headers = { 'idempotency-key': 'aaaa0000-1111-4222-8333-444455556666' };

    // Act
    const first = await h.request('POST', '/v1/progress-reports', {
      token: world.tokens.canterbury,
      body,
      headers,
    });
    const second = await h.request('POST', '/v1/progress-reports', {
      token: world.tokens.canterbury,
      body,
      headers,
    });

    // Assess
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe('canterbury-2026-q2');
  });

  it('should page lists with an opaque cursor and filter by council and change time', async () => {
    // Prepare
    const before = new Date(Date.now() - 1000).toISOString().replace('Z', '+00:00');
    for (let i = 0; i < 5; i++) {
      await h.request('POST', '/v1/needs', {
        token: world.tokens.canterbury,
        body: {
          councilId: i % 2 ? 'selwyn-district' : 'christchurch-city',
          title: `Listed ${i}`,
          kind: 'opportunity',
          identifiedOn: '2026-09-01',
          status: 'open',
        },
      });
    }

    // Act: page through what changed since, two at a time (each page checked as it comes), and filter by council.
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const response = await h.request(
        'GET',
        `/v1/needs?region=canterbury&limit=2&changedSince=${encodeURIComponent(before)}${cursor ? `&cursor=${cursor}` : ''}`,
        { token: world.tokens.viewer },
      );
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items.map((r: { values: { title: string } }) => r.values.title));
      if (!response.body.more) break;
      cursor = response.body.cursor;
    }
    const selwyn = await h.request('GET', '/v1/needs?council=selwyn-district', {
      token: world.tokens.canterbury,
    });

    // Assess
    expect(seen.filter((t) => t.startsWith('Listed')).sort()).toEqual([
      'Listed 0',
      'Listed 1',
      'Listed 2',
      'Listed 3',
      'Listed 4',
    ]);
    expect(selwyn.body.items.map((r: { values: { title: string } }) => r.values.title).sort()).toEqual([
      'Listed 1',
      'Listed 3',
    ]);
  });
});
