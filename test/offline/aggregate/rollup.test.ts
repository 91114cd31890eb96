import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, buildSnapshots } from '../../../functions/aggregate/rollup.ts';
import { type Snapshot, snapshotSchema } from '../../../functions/aggregate/snapshot-schema.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { SNAPSHOT_DATE, seedHandCheckedWorld } from '../../support/hand-checked-world.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/*
 * Every expected figure below was worked out by hand from hand-checked-world.ts, not by the code
 * under test. The snapshot date is 2026-11-18.
 */

const MONDAYS = [
  '2026-08-31',
  '2026-09-07',
  '2026-09-14',
  '2026-09-21',
  '2026-09-28',
  '2026-10-05',
  '2026-10-12',
  '2026-10-19',
  '2026-10-26',
  '2026-11-02',
  '2026-11-09',
  '2026-11-16',
];
const QUARTERS = [
  '2024-Q1',
  '2024-Q2',
  '2024-Q3',
  '2024-Q4',
  '2025-Q1',
  '2025-Q2',
  '2025-Q3',
  '2025-Q4',
  '2026-Q1',
  '2026-Q2',
  '2026-Q3',
  '2026-Q4',
];

/** The weeks with any work, as [hours, activities, advisers, councils]. */
function busyWeeks(snapshot: Snapshot, area: string) {
  const figures = area === 'national' ? snapshot.national : snapshot.byRegion[area]!;
  return Object.fromEntries(
    figures.adviserWork.weeks
      .filter((w) => w.activities > 0)
      .map((w) => [w.weekStarting, [w.hours, w.activities, w.advisers, w.councils]]),
  );
}

const nonZero = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

describe('dashboard rollups on a hand-checked data set', () => {
  let h: Harness;
  let snapshot: Snapshot;
  let today: Snapshot;

  beforeAll(async () => {
    // Prepare
    h = await startOfflineHarness();
    await seedHandCheckedWorld(h);
    // Act: the snapshot date, and today (after every record was created), from one read.
    [snapshot, today] = (await buildSnapshots(h.store, { dates: [SNAPSHOT_DATE, newZealandDate()] })) as [
      Snapshot,
      Snapshot,
    ];
  });

  afterAll(async () => {
    await h.close();
  });

  it('should describe the date, its report weeks and quarter, and match the published schema', () => {
    // Assess
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.date).toBe('2026-11-18');
    expect(snapshot.basis).toMatchObject({
      reportWeek: '2026-11-16',
      previousReportWeek: '2026-11-09',
      quarter: '2026-Q4',
      planReviewWindowFrom: '2025-11-18',
      weeks: MONDAYS,
      quarters: QUARTERS,
    });
    expect(snapshot.recordsRead).toBe(48);
  });

  it('should count Taskforce member councils and those with agreed expectations as of the date', () => {
    // Assess
    expect(snapshot.byRegion.canterbury!.councils).toEqual({
      total: 3,
      taskforceMembers: 1,
      withAgreedExpectations: 1,
    });
    expect(snapshot.byRegion.otago!.councils).toEqual({
      total: 1,
      taskforceMembers: 1,
      withAgreedExpectations: 0,
    });
    expect(snapshot.byRegion['west-coast']!.councils).toEqual({
      total: 1,
      taskforceMembers: 0,
      withAgreedExpectations: 0,
    });
    expect(snapshot.national.councils).toEqual({ total: 5, taskforceMembers: 2, withAgreedExpectations: 1 });
  });

  it('should count strategies by goal and status as they stood on the date, with their outcomes', () => {
    // Assess
    const canterbury = snapshot.byRegion.canterbury!.strategies;
    expect(canterbury.byGoal).toEqual({
      '2005-youth': { proposed: 1, active: 1, completed: 0, discontinued: 0 },
      '2009-all': { proposed: 0, active: 1, completed: 1, discontinued: 0 },
    });
    expect(canterbury).toMatchObject({
      total: 4,
      byStatus: { proposed: 1, active: 2, completed: 1, discontinued: 0 },
      jointlySupported: 3,
      buildsOnExisting: 1,
      peopleIntoWorkOrTraining: 37,
      youngPeopleIntoWorkOrTraining: 18,
    });
    expect(Object.keys(canterbury.startedByQuarter)).toEqual(QUARTERS);
    expect(nonZero(canterbury.startedByQuarter)).toEqual({ '2026-Q1': 2, '2026-Q4': 1 });
    expect(nonZero(canterbury.completedByQuarter)).toEqual({ '2026-Q4': 1 });
    expect(snapshot.byRegion.otago!.strategies.byGoal).toEqual({
      '2005-youth': { proposed: 0, active: 0, completed: 0, discontinued: 1 },
      '2009-all': { proposed: 1, active: 0, completed: 0, discontinued: 0 },
    });
    expect(snapshot.national.strategies).toMatchObject({
      total: 6,
      byStatus: { proposed: 2, active: 2, completed: 1, discontinued: 1 },
      jointlySupported: 4,
      buildsOnExisting: 2,
      peopleIntoWorkOrTraining: 40,
      youngPeopleIntoWorkOrTraining: 19,
    });
  });

  it('should sum adviser hours and activities per report week over the last twelve weeks', () => {
    // Assess
    expect(snapshot.byRegion.canterbury!.adviserWork.weeks.map((w) => w.weekStarting)).toEqual(MONDAYS);
    expect(busyWeeks(snapshot, 'canterbury')).toEqual({
      '2026-11-09': [3, 1, 1, 1],
      '2026-11-16': [7.75, 2, 1, 1],
    });
    expect(busyWeeks(snapshot, 'otago')).toEqual({ '2026-11-02': [2.5, 1, 1, 1] });
    expect(busyWeeks(snapshot, 'national')).toEqual({
      '2026-11-02': [2.5, 1, 1, 1],
      '2026-11-09': [3, 1, 1, 1],
      '2026-11-16': [7.75, 2, 1, 1],
    });
    expect(snapshot.byRegion.canterbury!.adviserWork.lastWeekReported).toBe('2026-11-16');
  });

  it('should list the regions expected to report that have no activity this week or last', () => {
    // Assess
    expect(snapshot.regions).toEqual([
      {
        id: 'canterbury',
        name: 'Canterbury',
        cegRegion: true,
        expectedToReport: true,
        reportedThisWeek: true,
        lastWeekReported: '2026-11-16',
      },
      {
        id: 'otago',
        name: 'Otago',
        cegRegion: true,
        expectedToReport: true,
        reportedThisWeek: false,
        lastWeekReported: '2026-11-02',
      },
      {
        id: 'west-coast',
        name: 'West Coast',
        cegRegion: true,
        expectedToReport: false,
        reportedThisWeek: false,
        lastWeekReported: null,
      },
    ]);
    expect(snapshot.lists.regionsNotReporting).toEqual([
      { regionId: 'otago', name: 'Otago', lastWeekReported: '2026-11-02' },
    ]);
  });

  it('should total people and young people not in work or training per quarter up to the date', () => {
    // Assess
    expect(snapshot.byRegion.canterbury!.indicators.periods).toEqual([
      { period: '2026-Q2', people: 1000, youngPeople: 400, councilsReporting: 1 },
      { period: '2026-Q3', people: 950, youngPeople: 380, councilsReporting: 1 },
    ]);
    expect(snapshot.national.indicators.periods).toEqual([
      { period: '2026-Q2', people: 1000, youngPeople: 400, councilsReporting: 1 },
      { period: '2026-Q3', people: 1450, youngPeople: 530, councilsReporting: 2 },
    ]);
  });

  it('should measure LEC coverage: groups, plans reviewed in the last 365 days, committed members', () => {
    // Assess
    expect(snapshot.byRegion.canterbury!.lec).toEqual({
      groups: 2,
      plansReviewedInLastYear: 1,
      members: 2,
      membersWithSeniorCommitment: 1,
      membersWithCommitmentInBusinessPlan: 1,
    });
    expect(snapshot.byRegion.otago!.lec).toEqual({
      groups: 1,
      plansReviewedInLastYear: 1,
      members: 1,
      membersWithSeniorCommitment: 1,
      membersWithCommitmentInBusinessPlan: 0,
    });
    expect(snapshot.national.lec).toEqual({
      groups: 3,
      plansReviewedInLastYear: 2,
      members: 3,
      membersWithSeniorCommitment: 2,
      membersWithCommitmentInBusinessPlan: 1,
    });
  });

  it('should list overdue actions, most overdue first, with their group, owner and days overdue', () => {
    // Assess
    expect(snapshot.national.actions).toEqual({ open: 5, overdue: 4 });
    expect(snapshot.byRegion.canterbury!.actions).toEqual({ open: 4, overdue: 3 });
    expect(
      snapshot.lists.overdueActions.map((a) => [
        a.id,
        a.regionId,
        a.groupName,
        a.owner,
        a.dueOn,
        a.daysOverdue,
        a.status,
      ]),
    ).toEqual([
      ['x4', 'canterbury', 'Canterbury LEC', 'Mere Tipene', '2026-09-30', 49, 'done'],
      ['y1', 'otago', 'Dunedin employment forum', 'Hemi Parata', '2026-10-18', 31, 'open'],
      ['x1', 'canterbury', 'Canterbury LEC', 'Mere Tipene', '2026-11-01', 17, 'open'],
      ['x6', 'canterbury', 'Selwyn jobs network', '@Tama', '2026-11-17', 1, 'open'],
    ]);
  });

  it('should list publicity awaiting acknowledgement and communications awaiting agreement', () => {
    // Assess
    expect(
      snapshot.lists.publicityAwaitingAcknowledgement.map((p) => [p.id, p.regionId, p.status, p.missing]),
    ).toEqual([
      ['p1', 'canterbury', 'draft', ['Taskforce']],
      ['p3', 'otago', 'approved', ['CEG', 'Taskforce']],
    ]);
    expect(snapshot.lists.communicationsAwaitingAgreement.map((c) => [c.id, c.regionId, c.missing])).toEqual([
      ['c1', 'canterbury', ['CEG']],
    ]);
    expect(snapshot.national.publicityAwaitingAcknowledgement).toBe(2);
    expect(snapshot.national.communicationsAwaitingAgreement).toBe(1);
    expect(snapshot.byRegion.otago!.communicationsAwaitingAgreement).toBe(0);
  });

  it('should count good practice from the day it was added to the knowledge base', () => {
    // Assess: both practices were added after the snapshot date, and are there today.
    expect(snapshot.national.practices.total).toBe(0);
    expect(today.byRegion.canterbury!.practices.total).toBe(2);
    expect(
      Object.values(today.byRegion.canterbury!.practices.addedByQuarter).reduce((a, b) => a + b, 0),
    ).toBe(2);
  });

  it('should report how many records of each type each region has and when they last changed', () => {
    // Assess
    const fresh = (type: string, regionId: string) =>
      snapshot.freshness.find((f) => f.type === type && f.regionId === regionId);
    expect(fresh('action', 'canterbury')?.records).toBe(5);
    expect(fresh('action', 'otago')?.records).toBe(1);
    expect(fresh('region', 'west-coast')?.records).toBe(1);
    expect(fresh('practice', 'canterbury')!.latestUpdatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('should build the same figures for a date alone as in a batch of dates', async () => {
    // Act
    const alone = await buildSnapshot(h.store, { date: SNAPSHOT_DATE });
    // Assess
    expect({ ...alone, generatedAt: '' }).toEqual({ ...snapshot, generatedAt: '' });
  });

  it('should refuse a date that is not a real date', async () => {
    // Act
    const building = () => buildSnapshot(h.store, { date: '2026-02-30' });
    // Assess
    await expect(building()).rejects.toThrow(/real date like 2026-11-23, got "2026-02-30"/);
  });
});
