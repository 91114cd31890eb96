import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndPublish, aggregateAndPublishDates } from '../../../functions/aggregate/nightly-run.ts';
import { buildQuarterlyReport } from '../../../functions/aggregate/quarterly-report.ts';
import { quarterlyReportHtml } from '../../../functions/aggregate/quarterly-report-html.ts';
import { SnapshotArchive } from '../../../functions/aggregate/snapshot-archive.ts';
import { SNAPSHOT_FILES } from '../../../functions/aggregate/snapshot-files.ts';
import { type Snapshot, snapshotSchema } from '../../../functions/aggregate/snapshot-schema.ts';
import type { SnapshotSink } from '../../../functions/aggregate/snapshot-sink.ts';
import { limitListsToRegions } from '../../../functions/aggregate/snapshot-visibility.ts';
import { canonicalJson } from '../../../functions/domain/canonical-json.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { seedRollupGoldenWorld } from '../../support/rollup-golden-world.ts';

/*
 * The nightly output pinned byte for byte: every file a run publishes (dated snapshots and their
 * public copies, CSV tables, trends.json, the index, latest.json, the JSON Schema) and the
 * quarterly report (JSON and HTML), built from a fixed world. The digests were recorded before the
 * rollups were re-declared against the record definitions, so a refactoring of the rollups that
 * changes one byte fails here. A deliberate change of the output re-records them with
 * `UPDATE_GOLDEN=1 npx vitest run test/offline/aggregate/nightly-output-golden.test.ts`.
 */
const GOLDEN = new URL('./nightly-output.golden.json', import.meta.url);
const NOW = new Date('2027-01-07T14:00:00.000Z');

class MemorySink implements SnapshotSink {
  readonly files = new Map<string, string>();
  async put(key: string, body: string): Promise<void> {
    this.files.set(key, body);
  }
  async get(key: string): Promise<string | undefined> {
    return this.files.get(key);
  }
  async list(prefix: string): Promise<string[]> {
    return [...this.files.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the nightly output for a fixed world', () => {
  const sink = new MemorySink();
  const outputs = new Map<string, string>();
  let snapshots: Snapshot[];

  beforeAll(async () => {
    // Prepare
    const store = new MemoryRecordStore();
    await seedRollupGoldenWorld(store);
    const archive = new SnapshotArchive(sink);
    const options = { now: () => NOW, pageSize: 37 };

    // Act: a backfill of three dates, two nightly runs, and a re-run of a past night.
    const backfill = await aggregateAndPublishDates(store, archive, {
      ...options,
      dates: ['2026-09-30', '2026-11-18', '2026-10-01'],
    });
    const nightly = await aggregateAndPublish(store, archive, { ...options, date: '2026-12-31' });
    await aggregateAndPublish(store, archive, { ...options, date: '2027-01-05' });
    await aggregateAndPublish(store, archive, { ...options, date: '2026-11-18' });
    snapshots = [...backfill.snapshots, nightly.snapshot];
    for (const [key, body] of sink.files) outputs.set(key, body);
    for (const regions of [undefined, ['north']]) {
      const report = await buildQuarterlyReport(archive, '2026-Q4', (s) =>
        regions ? limitListsToRegions(s, regions) : s,
      );
      const name = `quarterly-report/2026-Q4${regions ? `-${regions.join('-')}` : ''}`;
      outputs.set(`${name}.json`, canonicalJson(report, 2));
      outputs.set(`${name}.html`, quarterlyReportHtml(report));
    }
  });

  it('should give every record type something to count, so the pinned bytes cover every rollup', () => {
    // Assess
    const latest = snapshots.find((s) => s.date === '2026-12-31')!;
    expect(snapshotSchema.safeParse(latest).success).toBe(true);
    const n = latest.national;
    expect(n.councils.taskforceMembers).toBeGreaterThan(0);
    expect(n.councils.withAgreedExpectations).toBeGreaterThan(0);
    expect(Object.values(n.strategies.byStatus).every((count) => count > 0)).toBe(true);
    expect(n.strategies.buildsOnExisting).toBeGreaterThan(0);
    expect(n.adviserWork.weeks.filter((w) => w.activities > 0).length).toBeGreaterThan(1);
    expect(n.indicators.periods.length).toBeGreaterThan(1);
    expect(n.lec.plansReviewedInLastYear).toBeGreaterThan(0);
    expect(n.lec.membersWithCommitmentInBusinessPlan).toBeGreaterThan(0);
    expect(n.actions.overdue).toBeGreaterThan(latest.lists.overdueActions.length);
    expect(latest.lists.publicityAwaitingAcknowledgement.length).toBeGreaterThan(0);
    expect(latest.lists.communicationsAwaitingAgreement.length).toBeGreaterThan(0);
    expect(n.practices.total).toBeGreaterThan(0);
    expect(new Set(latest.freshness.map((f) => f.type)).size).toBe(12);
    expect(outputs.has(SNAPSHOT_FILES.trends)).toBe(true);
  });

  it('should write the same bytes as before, file by file', async () => {
    // Act
    const actual = Object.fromEntries(
      [...outputs].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, digest(v)]),
    );
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
    const golden = JSON.parse(await readFile(GOLDEN, 'utf8')) as Record<string, string>;

    // Assess
    expect(actual).toEqual(golden);
  });
});
