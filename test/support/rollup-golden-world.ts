import type { HistoryEntry, RecordRepository } from '../../functions/domain/record-repository.ts';
import type { StoredRecord } from '../../functions/records/definition.ts';

/**
 * A fixed world for pinning the nightly output byte for byte: every record, id and timestamp is
 * the same on every run (no API, no clock, no random ids), and the records walk through the
 * cases each record type's rollup distinguishes (statuses, dates before and after the snapshot
 * dates, missing optional fields, lists longer than a region's list limit, sign-off flags).
 * The figures are not checked by hand here (rollup.test.ts does that); the bytes are pinned.
 */

const REGIONS = [
  { id: 'north', name: 'Northland', cegRegion: true },
  { id: 'south', name: 'Southland', cegRegion: true },
  { id: 'islands', name: 'Area Outside Region', cegRegion: false },
];

/** Dates cycled through by index: before, inside and after the snapshot dates the test builds. */
const DAYS = [
  '2025-02-14',
  '2025-12-01',
  '2026-03-31',
  '2026-07-15',
  '2026-10-01',
  '2026-11-18',
  '2027-02-01',
];
const MONDAYS = [
  '2026-08-24',
  '2026-09-28',
  '2026-10-26',
  '2026-11-09',
  '2026-11-16',
  '2026-12-28',
  '2027-01-04',
];
const PERIODS = ['2023-Q4', '2025-Q3', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'];

const cycle = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

/** Every record of the world, in a fixed order with fixed ids and timestamps. */
export function rollupGoldenRecords(): StoredRecord[] {
  const records: StoredRecord[] = [];
  const add = (
    type: string,
    id: string,
    regionId: string,
    values: Record<string, unknown>,
    councilId?: string,
  ) => {
    const n = records.length;
    // Seven hours apart from 1 June 2026: some records are created after the snapshot dates.
    const at = new Date(Date.UTC(2026, 5, 1) + n * 7 * 3_600_000).toISOString();
    records.push({
      id,
      type,
      regionId,
      ...(councilId ? { councilId } : {}),
      version: 1 + (n % 3),
      createdAt: at,
      createdBy: 'golden@example.org',
      updatedAt: at,
      updatedBy: 'golden@example.org',
      values,
    });
  };

  for (const [r, region] of REGIONS.entries()) {
    add('region', region.id, region.id, { name: region.name, cegRegion: region.cegRegion });
    const councils = [0, 1, 2, 3].map((c) => `${region.id}-council-${c}`);
    for (const [c, councilId] of councils.entries()) {
      // Members since long ago, a member from a later date, and councils outside the Taskforce.
      const member = c < 2 && r < 2;
      add('council', councilId, region.id, {
        name: `Council ${c} of ${region.name}`,
        kind: 'district',
        regionId: region.id,
        taskforceMember: member,
        ...(member ? { memberSince: c === 0 ? '2001-03-01' : '2026-11-01' } : {}),
      });
    }
    for (let i = 0; i < 6; i++) {
      const status = cycle(['draft', 'agreed', 'under-review', 'ended'], i);
      add(
        'agreement',
        `${region.id}-agreement-${i}`,
        region.id,
        {
          councilId: cycle(councils, i),
          adviserId: `${region.id}-adviser-0`,
          expectations: 'Monthly meetings with the mayor.',
          status,
          ...(status === 'draft' ? {} : { agreedOn: cycle(DAYS, i + r) }),
        },
        cycle(councils, i),
      );
    }
    for (let i = 0; i < 40; i++) {
      const status = cycle(['proposed', 'active', 'completed', 'discontinued'] as const, i);
      const startedOn = cycle(DAYS, i + r);
      add(
        'strategy',
        `${region.id}-strategy-${i}`,
        region.id,
        {
          councilId: cycle(councils, i),
          title: `Strategy ${i} of ${region.name}`,
          goal: cycle(['2005-youth', '2009-all'], Math.floor(i / 4)),
          needIds: [],
          jointlySupported: i % 3 !== 0,
          ...(i % 5 === 0 ? {} : { buildsOn: cycle(['An existing network', '  ', 'The 2024 project'], i) }),
          status,
          ...(status === 'active' || status === 'completed' ? { startedOn } : {}),
          ...(status === 'completed' ? { completedOn: cycle(DAYS, i + r + 2) } : {}),
          ...(i % 7 === 0 ? {} : { peopleIntoWorkOrTraining: 10 + i, youngPeopleIntoWorkOrTraining: i % 9 }),
        },
        cycle(councils, i),
      );
    }
    for (let i = 0; i < 60; i++) {
      const councilId = cycle(councils.slice(0, 2), i);
      add(
        'activity',
        `${region.id}-activity-${i}`,
        region.id,
        {
          adviserId: `${region.id}-adviser-${i % 4}`,
          councilId,
          weekStarting: cycle(MONDAYS, i + r),
          kind: 'planning',
          // Decimals whose float sum would drift, to pin the exact hundredths.
          hours: cycle([0.1, 0.2, 7.25, 3.3, 12, 0.07], i),
          projectName: `MTFJ ${councilId}`,
          nonFunded: true,
        },
        councilId,
      );
    }
    for (const [c, councilId] of councils.entries()) {
      for (const [p, period] of PERIODS.entries()) {
        if ((c + p) % 4 === 3) continue;
        add(
          'indicator',
          `${councilId}-${period.toLowerCase()}`,
          region.id,
          {
            councilId,
            period,
            peopleNotInWorkOrTraining: 1000 + 37 * c + 11 * p,
            youngPeopleNotInWorkOrTraining: 100 + 5 * c - p,
          },
          councilId,
        );
      }
    }
    const groups = [0, 1, 2].map((g) => `${region.id}-group-${g}`);
    for (const [g, groupId] of groups.entries()) {
      add('lec-group', groupId, region.id, {
        regionId: region.id,
        name: `LEC group ${g} of ${region.name}`,
        ...(g === 2 ? { establishedOn: '2026-12-01' } : g === 1 ? { establishedOn: '2020-05-05' } : {}),
        ...(g === 0 ? {} : { planReviewedOn: cycle(DAYS, g + r) }),
      });
    }
    for (let i = 0; i < 12; i++) {
      const groupId = cycle(groups, i);
      add('membership', `${groupId}--org-${i}`, region.id, {
        lecGroupId: groupId,
        organisationId: `org-${i}`,
        seniorCommitment: i % 2 === 0,
        inBusinessPlan: i % 4 === 0,
        ...(i % 3 === 0 ? {} : { joinedOn: cycle(DAYS, i) }),
      });
    }
    // More overdue actions in the north than a region's list keeps (50).
    const actions = region.id === 'north' ? 140 : 30;
    for (let i = 0; i < actions; i++) {
      const status = cycle(['open', 'in-progress', 'done', 'cancelled'] as const, i);
      add('action', `${region.id}-action-${String(i).padStart(3, '0')}`, region.id, {
        lecGroupId: cycle(groups, i),
        title: `Action ${i} of ${region.name}`,
        ...(i % 3 === 0 ? { ownerEmail: `owner${i}@example.org` } : {}),
        ...(i % 3 !== 1 ? { owner: `Owner ${i}` } : {}),
        dueOn: cycle([...DAYS, '2026-11-17', '2026-09-30'], i + r),
        status,
        ...(status === 'done' ? { completedOn: cycle(DAYS, i + 3) } : {}),
      });
    }
    for (let i = 0; i < 18; i++) {
      add('publicity', `${region.id}-publicity-${i}`, region.id, {
        strategyId: `${region.id}-strategy-${i}`,
        title: `Announcement ${i % 5} of ${region.name}`,
        channel: cycle(['media-release', 'newsletter', 'website', 'event', 'other'], i),
        ...(i % 4 === 0 ? {} : { plannedFor: cycle(DAYS, i) }),
        status: cycle(['draft', 'approved', 'published'], i),
        acknowledgesCeg: i % 2 === 0,
        acknowledgesTaskforce: i % 3 === 0,
      });
    }
    for (let i = 0; i < 14; i++) {
      add('communication', `${region.id}-communication-${i}`, region.id, {
        regionId: region.id,
        subject: `Update ${i % 6}`,
        audience: 'Employers',
        status: cycle(['draft', 'agreed', 'released'], i),
        agreedByCeg: i % 3 !== 1,
        agreedByTaskforce: i % 2 === 1,
      });
    }
    for (let i = 0; i < 8; i++) {
      add('practice', `${region.id}-practice-${i}`, region.id, {
        regionId: region.id,
        title: `Practice ${i}`,
        summary: 'What worked, and what did not.',
      });
    }
    // Types the dashboard does not read: they must change nothing.
    add('need', `${region.id}-need-0`, region.id, {
      councilId: councils[0],
      title: 'Transport',
      description: '-',
    });
  }
  return records;
}

/** Stores the records as written at their own version, with one history entry each. */
export async function seedRollupGoldenWorld(store: RecordRepository): Promise<number> {
  const records = rollupGoldenRecords();
  const history = (record: StoredRecord): HistoryEntry => ({
    version: record.version,
    op: 'created',
    at: record.updatedAt,
    by: record.updatedBy,
    changes: [],
    record,
  });
  const outcomes = await store.writeAll(
    records.map((record) => ({ record, expectedVersion: null, history: history(record) })),
  );
  const refused = outcomes.filter((o) => o.status !== 'written');
  if (refused.length > 0) throw new Error(`setup: ${refused.length} golden records were not written`);
  return records.length;
}
