import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aggregateAndPublish } from '../../../functions/aggregate/nightly-run.ts';
import { SnapshotArchive } from '../../../functions/aggregate/snapshot-archive.ts';
import { SNAPSHOT_FILES } from '../../../functions/aggregate/snapshot-files.ts';
import { snapshotJsonSchema } from '../../../functions/aggregate/snapshot-schema.ts';
import { LocalFolderSink, type SnapshotSink } from '../../../functions/aggregate/snapshot-sink.ts';
import { SNAPSHOT_DATE, seedHandCheckedWorld } from '../../support/hand-checked-world.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

const withoutGeneratedAt = (json: string) => json.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');

describe('publishing snapshots', () => {
  let h: Harness;
  let nationalToken: string;
  let folder: string;
  let archive: SnapshotArchive;

  beforeAll(async () => {
    h = await startOfflineHarness();
    nationalToken = (await seedHandCheckedWorld(h)).tokens.national;
  });

  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'snapshot-archive-'));
    archive = new SnapshotArchive(new LocalFolderSink(folder));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  afterAll(async () => {
    await h.close();
  });

  const read = (key: string) => readFile(path.join(folder, key), 'utf8');

  it('should write the dated snapshot, latest, the index of dates, the schema and one CSV per table', async () => {
    // Act
    const { published } = await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    // Assess
    expect(await archive.sink.list('')).toEqual(
      [
        'latest.json',
        'public/latest.json',
        'public/snapshots/2026-11-18.json',
        'public/snapshots/index.json',
        'public/snapshots/trends.json',
        'snapshots/2026-11-18.json',
        'snapshots/2026-11-18/adviser-work.csv',
        'snapshots/2026-11-18/areas.csv',
        'snapshots/2026-11-18/communications-awaiting-agreement.csv',
        'snapshots/2026-11-18/freshness.csv',
        'snapshots/2026-11-18/indicators.csv',
        'snapshots/2026-11-18/overdue-actions.csv',
        'snapshots/2026-11-18/publicity-awaiting-acknowledgement.csv',
        'snapshots/2026-11-18/quarters.csv',
        'snapshots/2026-11-18/regions-not-reporting.csv',
        'snapshots/2026-11-18/strategies-by-goal.csv',
        'snapshots/index.json',
        'snapshots/snapshot.schema.json',
        'snapshots/trends.json',
      ].sort(),
    );
    expect(published.latestMoved).toBe(true);
    expect(
      JSON.parse(await read('snapshots/trends.json')).points.map((p: { date: string }) => p.date),
    ).toEqual(['2026-11-18']);
    expect(await read('latest.json')).toBe(await read('snapshots/2026-11-18.json'));
    expect(JSON.parse(await read('snapshots/index.json')).dates).toEqual(['2026-11-18']);
    expect(JSON.parse(await read(SNAPSHOT_FILES.schema))).toEqual(snapshotJsonSchema());
  });

  it('should publish a public copy with every figure but no record lists', async () => {
    // Act
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    // Assess
    const full = JSON.parse(await read('snapshots/2026-11-18.json'));
    const open = JSON.parse(await read('public/snapshots/2026-11-18.json'));
    expect(full.lists.overdueActions.length).toBeGreaterThan(0);
    expect(open.national).toEqual(full.national);
    expect(open.byRegion).toEqual(full.byRegion);
    expect(open.lists.overdueActions).toEqual([]);
    expect(open.lists.publicityAwaitingAcknowledgement).toEqual([]);
    expect(open.lists.communicationsAwaitingAgreement).toEqual([]);
    expect(open.listsLimitedToRegions).toEqual([]);
    expect(await read('public/latest.json')).toBe(await read('public/snapshots/2026-11-18.json'));
    expect(await read('public/snapshots/index.json')).toBe(await read('snapshots/index.json'));
  });

  it('should overwrite a date with byte-identical files when re-run on the same records', async () => {
    // Prepare
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    const keys = await archive.sink.list('');
    const first = await Promise.all(keys.map(read));
    // Act
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    // Assess: only the generation time may differ.
    const second = await Promise.all(keys.map(read));
    expect(await archive.sink.list('')).toEqual(keys);
    expect(second.map(withoutGeneratedAt)).toEqual(first.map(withoutGeneratedAt));
    expect(JSON.parse(await read('snapshots/index.json')).dates).toEqual(['2026-11-18']);
  });

  it('should never move latest back to an older date, while the index keeps every date in order', async () => {
    // Act
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    const backfill = await aggregateAndPublish(h.store, archive, { date: '2026-11-11' });
    // Assess
    expect(backfill.published.latestMoved).toBe(false);
    expect((await archive.latest())?.date).toBe('2026-11-18');
    expect(await archive.dates()).toEqual(['2026-11-11', '2026-11-18']);

    // Act: a newer date moves it on.
    await aggregateAndPublish(h.store, archive, { date: '2026-11-25' });
    // Assess
    expect((await archive.latest())?.date).toBe('2026-11-25');
    expect(await archive.dates()).toEqual(['2026-11-11', '2026-11-18', '2026-11-25']);
  });

  it('should write CSV that spreadsheets read safely: quoted where needed, formulas disarmed, UTF-8 marked', async () => {
    // Act
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    // Assess
    const csv = await read('snapshots/2026-11-18/overdue-actions.csv');
    expect(
      csv.startsWith('\uFEFFregion_id,lec_group,title,owner,due_on,days_overdue,status,action_id\r\n'),
    ).toBe(true);
    expect(csv).toContain(
      '\r\ncanterbury,Canterbury LEC,"Draft ""youth"" plan, stage 1",Mere Tipene,2026-11-01,17,open,x1\r\n',
    );
    expect(csv).toContain("\r\ncanterbury,Selwyn jobs network,'=cmd|calc,'@Tama,2026-11-17,1,open,x6\r\n");
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('should rebuild a date from the records as they now are', async () => {
    // Prepare
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    const before = await archive.forDate(SNAPSHOT_DATE);
    const current = await h.request('GET', '/v1/actions/y1', { token: nationalToken });
    await h.request('PATCH', '/v1/actions/y1', {
      token: nationalToken,
      body: { status: 'done', completedOn: '2026-10-20' },
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': current.headers.get('etag')! },
    });
    // Act
    await aggregateAndPublish(h.store, archive, { date: SNAPSHOT_DATE });
    // Assess
    const after = await archive.forDate(SNAPSHOT_DATE);
    expect(before?.national.actions.overdue).toBe(4);
    expect(after?.national.actions.overdue).toBe(3);
    expect(after?.lists.overdueActions.map((a) => a.id)).toEqual(['x4', 'x1', 'x6']);
  });

  it('should fail the run, and not claim success, when the snapshot cannot be stored', async () => {
    // Prepare
    const broken: SnapshotSink = {
      put: async () => {
        throw new Error('disk full');
      },
      get: async () => undefined,
      list: async () => [],
    };
    // Act
    const run = () => aggregateAndPublish(h.store, new SnapshotArchive(broken), { date: SNAPSHOT_DATE });
    // Assess
    await expect(run()).rejects.toThrow('disk full');
  });

  it('should refuse snapshot keys that could leave the snapshot folder', async () => {
    // Prepare
    const sink = new LocalFolderSink(folder);
    // Act
    const writeOutside = () => sink.put('../outside.json', '{}');
    const readOutside = () => sink.get('/etc/passwd');
    // Assess
    await expect(writeOutside()).rejects.toThrow(/is not a snapshot key/);
    await expect(readOutside()).rejects.toThrow(/is not a snapshot key/);
  });

  it('should make the Lambda entry throw, so the scheduler retries, when it is not configured', async () => {
    // Prepare: no table name, and quiet logs and metrics (they are read in production only).
    const saved = { ...process.env };
    delete process.env.TABLE_NAME;
    Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' });
    try {
      const { handler } = await import('../../../functions/aggregate/lambda.ts');
      // Act
      const run = () => handler({ date: SNAPSHOT_DATE }, {} as Context);
      // Assess
      await expect(run()).rejects.toThrow(/TABLE_NAME is not set/);
    } finally {
      process.env = saved;
    }
  });
});
