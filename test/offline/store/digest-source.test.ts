import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndPublish } from '../../../functions/aggregate/nightly-run.ts';
import { SnapshotArchive } from '../../../functions/aggregate/snapshot-archive.ts';
import { SNAPSHOT_FILES, SnapshotFiles } from '../../../functions/aggregate/snapshot-files.ts';
import type { Snapshot } from '../../../functions/aggregate/snapshot-schema.ts';
import type { SnapshotSink } from '../../../functions/aggregate/snapshot-sink.ts';
import { composeDigest } from '../../../functions/digest/digest-email.ts';
import type { DigestWorld } from '../../../functions/digest/digest-world.ts';
import { planDigests } from '../../../functions/digest/planner.ts';
import { digestPages } from '../../../functions/digest/site-links.ts';
import type { StoredRecord } from '../../../functions/records/definition.ts';
import { StoreDigestSource } from '../../../functions/store/digest-source.ts';
import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { seedRollupGoldenWorld } from '../../support/rollup-golden-world.ts';

/**
 * The digest's labour market figures from the latest dashboard snapshot: the golden world of the
 * nightly tests (Northland, Southland, their councils' indicators, strategies and LEC actions) is
 * aggregated into a snapshot, and a Northland group's digest tells its members the region's
 * figures from it. Without a readable snapshot the digest leaves them out and still goes.
 */
const SNAPSHOT_DATE = '2027-01-05';
const TODAY = '2027-01-06';
const NOW = new Date('2027-01-05T14:00:00.000Z');

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

/** A Northland group with a co-ordinator, a member who consented and an open action of theirs. */
async function seedDigestGroup(store: MemoryRecordStore): Promise<void> {
  const at = '2027-01-04T20:00:00.000Z';
  const record = (type: string, id: string, values: Record<string, unknown>): StoredRecord => ({
    id,
    type,
    regionId: 'north',
    version: 1,
    createdAt: at,
    createdBy: 'setup@example.org',
    updatedAt: at,
    updatedBy: 'setup@example.org',
    values,
  });
  const records = [
    record('lec-group', 'north-digest', {
      regionId: 'north',
      name: 'Whangārei Jobs Network',
      coordinatorName: 'Hine Walker',
      coordinatorEmail: 'hine@north.example.nz',
    }),
    record('membership', 'north-digest--org-x', {
      lecGroupId: 'north-digest',
      organisationId: 'org-x',
      representative: 'Ana',
      representativeEmail: 'ana@example.nz',
      seniorCommitment: true,
      inBusinessPlan: false,
      digestConsentOn: '2026-12-01',
      digestConsentHow: 'in-person',
    }),
    record('action', 'north-digest-action', {
      lecGroupId: 'north-digest',
      title: 'Invite the port employers',
      ownerEmail: 'ana@example.nz',
      dueOn: '2027-01-20',
      status: 'open',
    }),
  ];
  await store.writeAll(
    records.map((r) => ({
      record: r,
      expectedVersion: null,
      history: { version: 1, op: 'created', at, by: r.updatedBy, changes: [], record: r },
    })),
  );
}

const PAGES = digestPages('https://partners.example.nz', 'https://services.example.nz');
const LINKS = {
  unsubscribe: 'https://api.example.nz/u',
  webVersion: 'https://api.example.nz/w',
  groupCalendar: 'https://api.example.nz/c',
  ownActions: new Map<string, string>(),
};

/** Ana's Whangārei digest of the day, as the run would compose it. */
function anasDigest(world: DigestWorld) {
  const [plan] = planDigests(
    { ...world, groups: world.groups.filter((g) => g.id === 'north-digest') },
    TODAY,
    { lastDigest: () => undefined, unsubscribed: () => undefined },
  );
  const decided = plan!.members[0]!;
  return {
    decision: decided.decision,
    email: composeDigest(
      decided.content!,
      decided.member,
      PAGES,
      LINKS,
      (id) => world.regions.get(id)?.name ?? id,
    ),
  };
}

let store: MemoryRecordStore;
let snapshot: Snapshot;
let sink: MemorySink;

beforeAll(async () => {
  store = new MemoryRecordStore();
  await seedRollupGoldenWorld(store);
  await seedDigestGroup(store);
  sink = new MemorySink();
  ({ snapshot } = await aggregateAndPublish(store, new SnapshotArchive(sink), {
    date: SNAPSHOT_DATE,
    now: () => NOW,
  }));
});

describe("the digest's figures from the latest dashboard snapshot", () => {
  it("should read the region's figures of the latest snapshot: its newest quarter with indicators, people into work, actions", async () => {
    // Act
    const world = await new StoreDigestSource(store, new SnapshotFiles(sink)).load(TODAY);

    // Assess
    const north = snapshot.byRegion.north!;
    const newestReported = north.indicators.periods.filter((p) => p.councilsReporting > 0).at(-1);
    expect(newestReported).toBeDefined();
    expect(world.figures.get('north')?.dashboard).toEqual({
      date: SNAPSHOT_DATE,
      indicators: newestReported,
      peopleIntoWorkOrTraining: north.strategies.peopleIntoWorkOrTraining,
      youngPeopleIntoWorkOrTraining: north.strategies.youngPeopleIntoWorkOrTraining,
      openActions: north.actions.open,
      overdueActions: north.actions.overdue,
    });
    expect(north.actions.open).toBeGreaterThan(0);
    expect(north.strategies.peopleIntoWorkOrTraining).toBeGreaterThan(0);
  });

  it("should give each region its own figures, not another region's", async () => {
    // Act
    const world = await new StoreDigestSource(store, new SnapshotFiles(sink)).load(TODAY);

    // Assess
    expect(world.figures.get('south')?.dashboard?.openActions).toBe(snapshot.byRegion.south!.actions.open);
    expect(world.figures.get('south')?.dashboard?.openActions).not.toBe(
      snapshot.byRegion.north!.actions.open,
    );
  });

  it('should tell the member the figures in words, in text and HTML, linked to the dashboard', async () => {
    // Prepare
    const world = await new StoreDigestSource(store, new SnapshotFiles(sink)).load(TODAY);
    const f = world.figures.get('north')!.dashboard!;

    // Act
    const { decision, email } = anasDigest(world);

    // Assess
    expect(decision).toBe('send');
    const lines = [
      'Northland labour market',
      'National dashboard figures for Northland (Tuesday 5 January 2027)',
      `${f.indicators!.period}: ${f.indicators!.people.toLocaleString('en-NZ')} people not in work or training, ${f.indicators!.youngPeople.toLocaleString('en-NZ')} of them young people under 25`,
      `Strategies so far have helped ${f.peopleIntoWorkOrTraining.toLocaleString('en-NZ')} people into work or training, ${f.youngPeopleIntoWorkOrTraining.toLocaleString('en-NZ')} of them young people.`,
      `LEC actions in the region: ${f.openActions} open, ${f.overdueActions} overdue.`,
    ];
    for (const line of lines)
      expect([email.text.includes(line), email.html.includes(line)], line).toEqual([true, true]);
    expect(email.html).toContain('href="https://partners.example.nz/"');
  });
});

describe('a digest without dashboard figures', () => {
  it('should leave them out when no snapshot has been made yet, and still send', async () => {
    // Act
    const world = await new StoreDigestSource(store, new SnapshotFiles(new MemorySink())).load(TODAY);
    const { decision, email } = anasDigest(world);

    // Assess
    expect(world.figures.get('north')?.dashboard).toBeUndefined();
    expect(decision).toBe('send');
    expect(email.text).not.toContain('National dashboard figures');
  });

  it('should leave them out when the latest snapshot cannot be read, rather than fail the run', async () => {
    // Prepare
    const damaged = new MemorySink();
    await damaged.put(SNAPSHOT_FILES.latest, '{"date": "2027-01-05", "byRegion": ');

    // Act
    const world = await new StoreDigestSource(store, new SnapshotFiles(damaged)).load(TODAY);

    // Assess
    expect(world.figures.get('north')?.dashboard).toBeUndefined();
    expect(anasDigest(world).decision).toBe('send');
  });

  it('should leave them out where the digest job is given no snapshots at all', async () => {
    // Act
    const world = await new StoreDigestSource(store).load(TODAY);

    // Assess
    expect([...world.figures.values()].some((f) => f.dashboard)).toBe(false);
  });
});
