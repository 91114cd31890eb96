import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
  token = world.tokens.canterbury;
});
afterAll(() => h.close());

const need = (title: string, overrides: Record<string, unknown> = {}) => ({
  councilId: 'christchurch-city',
  title,
  kind: 'need',
  identifiedOn: '2026-10-05',
  status: 'open',
  ...overrides,
});

async function push(rows: unknown[], options: { dryRun?: boolean; path?: string; as?: string } = {}) {
  const response = await h.request(
    'POST',
    `/v1/sync/${options.path ?? 'needs'}${options.dryRun ? '?dryRun=true' : ''}`,
    { token: options.as ?? token, body: { rows } },
  );
  expect(response.status).toBe(200);
  return response.body;
}

/** Pulls every page from a cursor, as the add-on does. */
async function pullAll(path: string, region: string, since?: string, as = token) {
  const items: any[] = [];
  let cursor = since;
  for (;;) {
    const response = await h.request(
      'GET',
      `/v1/sync/${path}?region=${region}&limit=7${cursor ? `&since=${cursor}` : ''}`,
      { token: as },
    );
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.cursor;
    if (!response.body.more) return { items, cursor: cursor! };
  }
}

describe('sync push', () => {
  // Three pushes from one sheet, so each step below builds on the one before.
  it('should report each row as created, updated, unchanged, conflict, invalid or forbidden', async () => {
    // Act: a first push.
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const first = await push([
      { id: a, values: need('A') },
      { id: b, values: need('B') },
      { id: c, values: need('C') },
    ]);

    // Assess
    expect(first.counts).toMatchObject({ created: 3 });

    // Act: a second push with every kind of row.
    const second = await push([
      { id: a, baseVersion: 1, values: need('A', { status: 'addressed' }) },
      { id: b, baseVersion: 1, values: need('B') },
      { id: c, baseVersion: 1, values: need('C', { identifiedOn: '5/10/26' }) },
      { id: randomUUID(), values: need('Otago', { councilId: 'dunedin-city' }) },
      { id: randomUUID(), values: need('Nowhere', { councilId: 'atlantis-district' }) },
    ]);

    // Assess
    expect(second.rows.map((r: { status: string }) => r.status)).toEqual([
      'updated',
      'unchanged',
      'invalid',
      'forbidden',
      'invalid',
    ]);
    expect(second.rows[0].version).toBe(2);
    expect(second.rows[2].errors).toEqual([
      {
        field: 'identifiedOn',
        message: 'expected a date like 2026-03-01 (year-month-day), got "5/10/26"',
        received: '5/10/26',
      },
    ]);
    expect(second.rows[3].message).toContain('cannot change records of region "otago"');
    expect(second.rows[4].errors[0].message).toBe(
      'there is no council with id "atlantis-district"; choose one from the list',
    );

    // Act: a push from the version the second push replaced.
    const stale = await push([{ id: a, baseVersion: 1, values: need('A', { status: 'closed' }) }]);

    // Assess
    expect(stale.rows[0]).toMatchObject({
      status: 'conflict',
      version: 2,
      current: { version: 2, values: { status: 'addressed' } },
    });
    expect(stale.rows[0].message).toContain('after you read version 1');
  });

  it('should check everything in a dry run and write nothing', async () => {
    // Prepare
    const id = randomUUID();

    // Act
    const dry = await push([{ id, values: need('Dry') }, { values: need('Bad', { kind: 'problem' }) }], {
      dryRun: true,
    });

    // Assess
    expect(dry).toMatchObject({ dryRun: true, counts: { created: 1, invalid: 1 } });
    const stored = await h.request('GET', `/v1/needs/${id}`, { token });
    expect(stored.status).toBe(404);
  });

  it('should make no duplicate and no second version when the same push is sent three times', async () => {
    // Prepare
    const id = randomUUID();
    const existing = (await push([{ id: randomUUID(), values: need('Existing') }])).rows[0];
    const rows = [
      { id, values: need('New from the sheet') },
      { id: existing.id, baseVersion: 1, values: need('Existing', { status: 'addressed' }) },
    ];

    // Act
    const results = [await push(rows), await push(rows), await push(rows)];

    // Assess
    expect(results.map((r) => r.rows.map((row: { status: string }) => row.status))).toEqual([
      ['created', 'updated'],
      ['unchanged', 'unchanged'],
      ['unchanged', 'unchanged'],
    ]);
    const history = await h.request('GET', `/v1/needs/${existing.id}/history`, { token });
    expect(history.body.items).toHaveLength(2);
    const all = await h.request('GET', '/v1/needs?region=canterbury&limit=500', { token });
    expect(
      all.body.items.filter((r: { values: { title: string } }) => r.values.title === 'New from the sheet'),
    ).toHaveLength(1);
  });

  it('should refuse two changes to one record in one push', async () => {
    // Prepare
    const id = randomUUID();

    // Act
    const result = await push([
      { id, values: need('One') },
      { id, values: need('Two') },
    ]);

    // Assess
    expect(result.rows[1]).toMatchObject({
      status: 'invalid',
      errors: [
        { field: 'id', message: expect.stringContaining('row 1 of this push already changes this record') },
      ],
    });
  });

  it('should delete with the version read, and treat a repeated delete as unchanged', async () => {
    // Prepare
    const created = (await push([{ id: randomUUID(), values: need('To delete') }])).rows[0];

    // Act: a delete without the version read, one with it, and the same again.
    const withoutVersion = (await push([{ id: created.id, delete: true }])).rows[0];
    const withVersion = (await push([{ id: created.id, baseVersion: 1, delete: true }])).rows[0];
    const repeated = (await push([{ id: created.id, baseVersion: 1, delete: true }])).rows[0];

    // Assess
    expect(withoutVersion.status).toBe('conflict');
    expect(withVersion).toMatchObject({ status: 'deleted', version: 2 });
    expect(repeated.status).toBe('unchanged');
  });

  it('should explain malformed rows one by one', async () => {
    // Act
    const result = await push([{ values: need('Fine') }, { id: 5, values: need('Bad id') }, { vals: {} }]);

    // Assess
    expect(result.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'invalid', 'invalid']);
    expect(result.rows[2].errors[0].message).toContain('unknown row field(s) vals');
  });
});

describe('sync pull', () => {
  // One pull, changes, and the next pull, so each step below builds on the one before.
  it('should page through changes, then return only what changed since, including tombstones', async () => {
    // Prepare
    await push(
      Array.from({ length: 20 }, (_, i) => ({
        id: `pull-${i}`,
        values: need(`Pull ${i}`, { councilId: 'selwyn-district' }),
      })),
      { path: 'needs' },
    );

    // Act: the first pull.
    const first = await pullAll('needs', 'canterbury');

    // Assess
    expect(first.items.filter((r) => r.id.startsWith('pull-'))).toHaveLength(20);

    // Prepare: one record edited, one deleted.
    await push([
      { id: 'pull-3', baseVersion: 1, values: need('Pull 3 edited', { councilId: 'selwyn-district' }) },
      { id: 'pull-4', baseVersion: 1, delete: true },
    ]);

    // Act: the next pull, from the cursor of the first.
    const next = await pullAll('needs', 'canterbury', first.cursor);

    // Assess: the window overlaps the last pull; clients skip versions they already hold.
    const seen = new Map(first.items.map((r) => [r.id, r.version]));
    const news = next.items.filter((r) => seen.get(r.id) !== r.version);
    expect(news.map((r) => [r.id, r.version, Boolean(r.deletedAt)]).sort()).toEqual([
      ['pull-3', 2, false],
      ['pull-4', 2, true],
    ]);
  });

  // Pulls race a writer for as long as it writes: seconds here, many more on a busy shared machine.
  it('should never miss a change made while pulls run: after a final pull the copy equals the server', {
    timeout: 120_000,
  }, async () => {
    // Prepare
    const ids = Array.from({ length: 30 }, (_, i) => `live-${i}`);
    await push(ids.map((id) => ({ id, values: need(id) })));
    const copy = new Map<string, any>();
    let cursor: string | undefined;
    const applyPull = async () => {
      const pulled = await pullAll('needs', 'canterbury', cursor);
      cursor = pulled.cursor;
      for (const r of pulled.items) if ((copy.get(r.id)?.version ?? 0) < r.version) copy.set(r.id, r);
    };

    // Act: pull again and again while a writer changes every record four times, then once more.
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 4; round++) {
        const current = await Promise.all(ids.map((id) => h.request('GET', `/v1/needs/${id}`, { token })));
        await push(
          current.map((r, i) => ({
            id: ids[i],
            baseVersion: r.body.version,
            values: need(`${ids[i]} round ${round}`),
          })),
        );
      }
      writing = false;
    })();
    while (writing) await applyPull();
    await writer;
    await applyPull();

    // Assess
    const server = await h.request('GET', '/v1/needs?region=canterbury&limit=500', { token });
    for (const record of server.body.items) expect(copy.get(record.id)?.version).toBe(record.version);
  });

  it('should keep a region to those who may read it', async () => {
    // Act
    const response = await h.request('GET', '/v1/sync/needs?region=canterbury', {
      token: world.tokens.otago,
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('cannot see needs of region "canterbury"');
  });
});
