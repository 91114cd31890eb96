import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, mondayOf, quarterOf, quarterRange } from '../../../functions/aggregate/calendar.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import type { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { post, put, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';
import { pushSignedRows } from '../../support/sign-offs.ts';

/**
 * What the record and council pages read: one answer each, in words, scoped to the viewer; the
 * council page the same for its mayor's office and for CEG.
 */
let h: Harness<MemoryRecordStore>;
let world: Awaited<ReturnType<typeof seedWorld>>;
let needId: string;
// The first Monday of this quarter.
const thisWeek = mondayOf(addDays(quarterRange(quarterOf(newZealandDate())).from, 6));

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
  const t = world.tokens.national;
  await pushSignedRows(h, t, { ceg: t, taskforce: world.tokens.mtfj }, 'agreements', [
    { id: 'agreement-chch', values: values.agreement('christchurch-city', world.adviserId) },
  ]);
  const need = await post(h, world.tokens.adviser, 'needs', {
    councilId: 'christchurch-city',
    title: 'School leavers in the east',
    kind: 'need',
    identifiedOn: '2026-03-01',
    status: 'open',
  });
  needId = need.id;
  await h.request('PATCH', `/v1/needs/${needId}`, {
    token: world.tokens.mayor,
    headers: { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' },
    body: { description: 'Forty leavers a year without a plan' },
  });
  await put(h, t, 'strategies', 'trades', values.strategy('christchurch-city', { needIds: [needId] }));
  await post(
    h,
    world.tokens.adviser,
    'activities',
    values.activity(world.adviserId, 'christchurch-city', { weekStarting: thisWeek, hours: 6.5 }),
  );
  await post(
    h,
    world.tokens.adviser,
    'activities',
    values.activity(world.adviserId, 'christchurch-city', {
      weekStarting: thisWeek,
      hours: 2,
      kind: 'liaison',
    }),
  );
  await put(h, t, 'needs', 'dunedin-need', {
    councilId: 'dunedin-city',
    title: 'Seasonal work',
    kind: 'opportunity',
    identifiedOn: '2026-03-01',
    status: 'open',
  });
});

describe('the record page', () => {
  it('should show the record in words with its references named and linked', async () => {
    // Act
    const page = await h.request('GET', `/v1/pages/needs/${needId}/record`, { token: world.tokens.mayor });

    // Assess
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ label: 'Need', name: 'School leavers in the east', version: 2 });
    const council = page.body.fields.find((f: { name: string }) => f.name === 'councilId');
    expect(council).toMatchObject({
      title: 'Council',
      text: 'Christchurch City',
      links: [{ typePath: 'councils', id: 'christchurch-city', name: 'Christchurch City' }],
    });
    expect(page.body.fields.find((f: { name: string }) => f.name === 'identifiedOn').text).toBe(
      '1 March 2026',
    );
  });

  it('should show every version, newest first, with who changed which field from what to what', async () => {
    // Act
    const page = await h.request('GET', `/v1/pages/needs/${needId}/record`, { token: world.tokens.adviser });

    // Assess
    expect(page.body.history.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(page.body.history[0]).toMatchObject({
      by: 'mayor@ccc.example.nz',
      op: 'updated',
      changes: [
        {
          field: 'description',
          title: 'Description',
          from: 'Not recorded',
          to: 'Forty leavers a year without a plan',
        },
      ],
    });
  });

  it('should list the records that point at it', async () => {
    // Act
    const page = await h.request('GET', `/v1/pages/needs/${needId}/record`, { token: world.tokens.mayor });

    // Assess
    expect(page.body.referrers).toEqual([
      expect.objectContaining({
        pluralLabel: 'Strategies',
        items: [{ typePath: 'strategies', id: 'trades', name: 'Youth into trades' }],
      }),
    ]);
  });

  it("should leave out what the viewer may not see: a mayor's office reads no adviser record", async () => {
    // Act
    const mayor = await h.request('GET', '/v1/pages/agreements/agreement-chch/record', {
      token: world.tokens.mayor,
    });
    const adviser = await h.request('GET', '/v1/pages/agreements/agreement-chch/record', {
      token: world.tokens.adviser,
    });

    // Assess
    const field = (p: typeof mayor) => p.body.fields.find((f: { name: string }) => f.name === 'adviserId');
    expect(field(mayor)).toMatchObject({ text: 'A record outside your access' });
    expect(field(mayor).links).toBeUndefined();
    expect(field(adviser)).toMatchObject({ text: 'Aroha Adviser', links: [{ typePath: 'advisers' }] });
    expect(mayor.body.signOffs).toBe(true);
  });

  it("should refuse a record outside the viewer's reach in words, naming whom to ask", async () => {
    // Act
    const page = await h.request('GET', '/v1/pages/needs/dunedin-need/record', {
      token: world.tokens.mayor,
    });

    // Assess
    expect(page.status).toBe(403);
    expect(page.body.detail).toMatch(
      /cannot see needs of council "dunedin-city"\. Ask .+ to add it to your access\./,
    );
    expect(JSON.stringify(page.body)).not.toContain('Seasonal work');
  });

  it('should need a sign-in', async () => {
    // Act
    const page = await h.request('GET', `/v1/pages/needs/${needId}/record`);

    // Assess
    expect(page.status).toBe(401);
  });
});

describe('the council page', () => {
  it("should show the mayor's office exactly what the region's CEG staff see", async () => {
    // Act
    const mayor = await h.request('GET', '/v1/pages/councils/christchurch-city', {
      token: world.tokens.mayor,
    });
    const regional = await h.request('GET', '/v1/pages/councils/christchurch-city', {
      token: world.tokens.canterbury,
    });

    // Assess
    expect(mayor.status).toBe(200);
    expect(mayor.body).toEqual(regional.body);
  });

  it('should bring the partnership together: people, agreement, needs, strategies, hours', async () => {
    // Act
    const page = await h.request('GET', '/v1/pages/councils/christchurch-city', {
      token: world.tokens.mayor,
    });

    // Assess
    expect(page.body.council).toMatchObject({
      name: 'Christchurch City',
      taskforceMember: true,
      regionName: 'Canterbury',
    });
    expect(page.body.mayorsOffice).toEqual([{ email: 'mayor@ccc.example.nz' }]);
    expect(page.body.advisers).toEqual([
      { id: world.adviserId, name: 'Aroha Adviser', email: 'aroha.adviser@ceg.example.nz' },
    ]);
    expect(page.body.agreement.signOffs.map((s: { given: boolean }) => s.given)).toEqual([true, true]);
    expect(page.body.needs.map((n: { name: string }) => n.name)).toEqual(['School leavers in the east']);
    expect(page.body.strategies[0].byStatus).toEqual([
      { status: 'proposed', items: [{ id: 'trades', name: 'Youth into trades', jointlySupported: true }] },
    ]);
    expect(page.body.hours).toMatchObject({
      project: 'MTFJ Christchurch',
      total: 8.5,
      byAdviser: [{ adviserId: world.adviserId, name: 'Aroha Adviser', hours: 8.5, activities: 2 }],
    });
  });

  it("should refuse another council's mayor's office, and CEG staff of another region", async () => {
    // Act
    const dunedin = await h.request('GET', '/v1/pages/councils/christchurch-city', {
      token: world.tokens.dunedinMayor,
    });
    const otago = await h.request('GET', '/v1/pages/councils/christchurch-city', {
      token: world.tokens.otago,
    });

    // Assess
    expect(dunedin.status).toBe(403);
    expect(otago.status).toBe(403);
    expect(JSON.stringify([dunedin.body, otago.body])).not.toContain('School leavers');
  });
});
