import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateAndPublishDates } from '../../../functions/aggregate/nightly-run.ts';
import { type DashboardHarness, startDashboardHarness } from '../../support/dashboard-harness.ts';
import { seedHandCheckedWorld } from '../../support/hand-checked-world.ts';
import { startHarness } from '../../support/harness.ts';

/*
 * Snapshots of 7 October, 11 November and 18 November 2026 (all in 2026-Q4) from the hand-checked
 * world. Expected report figures were worked out by hand from hand-checked-world.ts.
 */

describe('dashboard and quarterly report routes', () => {
  let h: DashboardHarness;
  let tokens: Awaited<ReturnType<typeof seedHandCheckedWorld>>['tokens'];

  beforeAll(async () => {
    h = await startDashboardHarness();
    tokens = (await seedHandCheckedWorld(h)).tokens;
    await aggregateAndPublishDates(h.store, h.archive, { dates: ['2026-10-07', '2026-11-11', '2026-11-18'] });
  });

  afterAll(async () => {
    await h.close();
  });

  it('should refuse the dashboard routes without a token', async () => {
    // Act
    const response = await h.request('GET', '/v1/dashboard/latest');
    // Assess
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('should give national staff the latest snapshot with every list', async () => {
    // Act
    const response = await h.request('GET', '/v1/dashboard/latest', { token: tokens.national });
    // Assess
    expect(response.status).toBe(200);
    expect(response.body.date).toBe('2026-11-18');
    expect(response.body.lists.overdueActions.map((a: { id: string }) => a.id)).toEqual([
      'x4',
      'y1',
      'x1',
      'x6',
    ]);
    expect(response.body.listsLimitedToRegions).toBeUndefined();
  });

  it("should give regional staff every region's figures but only their own region's list items", async () => {
    // Act
    const response = await h.request('GET', '/v1/dashboard/latest', { token: tokens.otago });
    // Assess
    expect(response.body.national.actions.overdue).toBe(4);
    expect(response.body.byRegion.canterbury.actions.overdue).toBe(3);
    expect(response.body.lists.overdueActions.map((a: { id: string }) => a.id)).toEqual(['y1']);
    expect(response.body.lists.publicityAwaitingAcknowledgement.map((p: { id: string }) => p.id)).toEqual([
      'p3',
    ]);
    expect(response.body.lists.communicationsAwaitingAgreement).toEqual([]);
    expect(response.body.lists.regionsNotReporting.map((r: { regionId: string }) => r.regionId)).toEqual([
      'otago',
    ]);
    expect(response.body.listsLimitedToRegions).toEqual(['otago']);
  });

  it('should let viewers read the figures, with lists cut to their regions', async () => {
    // Act
    const response = await h.request('GET', '/v1/dashboard/2026-11-18', { token: tokens.viewer });
    // Assess
    expect(response.status).toBe(200);
    expect(response.body.lists.overdueActions.map((a: { id: string }) => a.id)).toEqual(['x4', 'x1', 'x6']);
  });

  it('should serve a snapshot by date, and explain a malformed or missing date', async () => {
    // Act
    const found = await h.request('GET', '/v1/dashboard/2026-11-11', { token: tokens.national });
    const malformed = await h.request('GET', '/v1/dashboard/18-11-2026', { token: tokens.national });
    const missing = await h.request('GET', '/v1/dashboard/2026-11-12', { token: tokens.national });
    // Assess
    expect(found.body.date).toBe('2026-11-11');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      { field: 'date', message: 'expected a date like 2026-11-23 (year-month-day)', received: '18-11-2026' },
    ]);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe(
      'There is no snapshot for 2026-11-12. Snapshots exist for 3 dates from 2026-10-07 to 2026-11-18; GET /v1/dashboard/dates lists them.',
    );
  });

  it('should list the snapshot dates and serve the JSON Schema of a snapshot', async () => {
    // Act
    const dates = await h.request('GET', '/v1/dashboard/dates', { token: tokens.viewer });
    const schema = await h.request('GET', '/v1/dashboard/schema', { token: tokens.viewer });
    // Assess
    expect(dates.body).toEqual({ dates: ['2026-10-07', '2026-11-11', '2026-11-18'] });
    expect(schema.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.body.required).toEqual(expect.arrayContaining(['date', 'national', 'byRegion', 'lists']));
  });

  it('should build the quarterly report from the first and last snapshots of the quarter', async () => {
    // Act
    const response = await h.request('GET', '/v1/reports/quarterly/2026-Q4', { token: tokens.national });
    // Assess
    const report = response.body;
    expect(response.status).toBe(200);
    expect(report).toMatchObject({
      quarter: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
      firstSnapshot: '2026-10-07',
      lastSnapshot: '2026-11-18',
      snapshotsInQuarter: 3,
    });
    const area = (id: string) => report.areas.find((a: { id: string }) => a.id === id);
    expect(area('canterbury')).toEqual({
      id: 'canterbury',
      name: 'Canterbury',
      youngPeopleNotInWorkOrTraining: {
        period: '2026-Q3',
        value: 380,
        previousPeriod: '2026-Q2',
        previousValue: 400,
        change: -20,
        councilsReporting: 1,
      },
      peopleNotInWorkOrTraining: {
        period: '2026-Q3',
        value: 950,
        previousPeriod: '2026-Q2',
        previousValue: 1000,
        change: -50,
        councilsReporting: 1,
      },
      taskforceMembers: 1,
      councilsWithAgreedExpectations: 1,
      strategiesStarted: 1,
      strategiesCompleted: 1,
      strategiesActiveAtStart: 3,
      strategiesActiveAtEnd: 2,
      peopleIntoWorkOrTrainingInQuarter: 0,
      youngPeopleIntoWorkOrTrainingInQuarter: 0,
      practicesAdded: 0,
      actionsOverdueAtStart: 1,
      actionsOverdueAtEnd: 3,
    });
    expect(area('otago').youngPeopleNotInWorkOrTraining).toEqual({
      period: '2026-Q3',
      value: 150,
      previousPeriod: null,
      previousValue: null,
      change: null,
      councilsReporting: 1,
    });
    expect(area('national')).toMatchObject({
      name: 'New Zealand',
      youngPeopleNotInWorkOrTraining: { value: 530, change: 130 },
      peopleNotInWorkOrTraining: { value: 1450, change: 450 },
      strategiesActiveAtStart: 3,
      strategiesActiveAtEnd: 2,
      actionsOverdueAtStart: 1,
      actionsOverdueAtEnd: 4,
    });
    expect(report.overdueActions).toHaveLength(4);
    expect(report.regionsNotReporting.map((r: { regionId: string }) => r.regionId)).toEqual(['otago']);
  });

  it('should serve the quarterly report as printable HTML without scripts, when asked for HTML', async () => {
    // Act
    const byAccept = await h.request('GET', '/v1/reports/quarterly/2026-Q4', {
      token: tokens.national,
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    const byQuery = await h.request('GET', '/v1/reports/quarterly/2026-Q4?format=html', {
      token: tokens.otago,
    });
    // Assess
    expect(byAccept.status).toBe(200);
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/html/);
    expect(byAccept.body).toContain('<h1>Quarterly progress report: 2026-Q4</h1>');
    expect(byAccept.body).toContain('Draft &quot;youth&quot; plan, stage 1');
    expect(byAccept.body).not.toMatch(/<script/i);
    expect(byAccept.body).toContain('@media print');
    expect(byQuery.body).toContain('Lists show your regions only (otago)');
    expect(byQuery.body).not.toContain('Survey employers');
  });

  it('should answer 404 with the quarters that exist, and 400 for something that is not a quarter', async () => {
    // Act
    const missing = await h.request('GET', '/v1/reports/quarterly/2026-Q2', { token: tokens.national });
    const malformed = await h.request('GET', '/v1/reports/quarterly/2026-Q5', { token: tokens.national });
    // Assess
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(missing.body.detail).toContain(
      'There is no snapshot for 2026-Q2. Snapshots exist from 2026-10-07 to 2026-11-18',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ field: 'quarter', received: '2026-Q5' });
  });

  it('should say plainly when a server has no snapshots configured', async () => {
    // Prepare
    const plain = await startHarness();
    try {
      const token = await plain.signIn('nat@ceg.example.nz', 'national');
      // Act
      const response = await plain.request('GET', '/v1/dashboard/latest', { token });
      // Assess
      expect(response.status).toBe(503);
      expect(response.body.detail).toMatch(/snapshots are not available on this server/);
    } finally {
      await plain.close();
    }
  });
});
