import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, put, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The weekly report, figures worked out by hand. Week starting Monday 16 November 2026:
 * - Aroha Adviser (Canterbury): Christchurch 6.5 h planning + 1.25 h advice, Waimakariri 2 h liaison
 *   = 9.75 h; MTFJ Christchurch 7.75 h, MTFJ Waimakariri 2 h. Her 3 h of the week before do not count.
 * - Hemi Parata (Canterbury): Waimakariri 4.5 h = 4.5 h.
 * - Kiri Otago (Otago): Dunedin 5 h, never in Canterbury's report.
 * Canterbury's week: 4 activities, 14.25 h; MTFJ Christchurch 7.75, MTFJ Waimakariri 6.5.
 */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
let hemi: string;

const WEEK = '2026-11-16';

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
  const t = world.tokens.national;
  await put(h, t, 'councils', 'waimakariri-district', values.council('Waimakariri District', 'canterbury'));
  await h.request('PATCH', `/v1/advisers/${world.adviserId}`, {
    token: t,
    body: { councilIds: ['christchurch-city', 'waimakariri-district'] },
    headers: { 'if-match': '"1"' },
  });
  hemi = (await post(h, t, 'advisers', values.adviser('canterbury', ['waimakariri-district'], 'Hemi Parata')))
    .id;
  const kiri = (await post(h, t, 'advisers', values.adviser('otago', ['dunedin-city'], 'Kiri Otago'))).id;
  const activity = (adviserId: string, councilId: string, overrides: Record<string, unknown>) =>
    post(h, t, 'activities', values.activity(adviserId, councilId, overrides));
  await activity(world.adviserId, 'christchurch-city', {
    hours: 6.5,
    kind: 'planning',
    summary: 'Youth plan draft',
  });
  await activity(world.adviserId, 'christchurch-city', { hours: 1.25, kind: 'advice' });
  await activity(world.adviserId, 'waimakariri-district', { hours: 2, kind: 'liaison' });
  await activity(world.adviserId, 'christchurch-city', { hours: 3, weekStarting: '2026-11-09' });
  await activity(hemi, 'waimakariri-district', { hours: 4.5, kind: 'liaison', summary: '=HYPERLINK("x")' });
  await activity(kiri, 'dunedin-city', { hours: 5 });
});
afterAll(() => h.close());

describe('the weekly report', () => {
  it("should give an adviser's week, each council's work as the non-funded project MTFJ <council>", async () => {
    // Act
    const response = await h.request('GET', `/v1/reports/weekly?adviser=${world.adviserId}&week=${WEEK}`, {
      token: world.tokens.adviser,
    });

    // Assess
    expect(response.status).toBe(200);
    const report = response.body;
    expect(report).toMatchObject({
      kind: 'adviser',
      week: WEEK,
      weekEnding: '2026-11-22',
      region: 'Canterbury',
      totalHours: 9.75,
      activityCount: 3,
      projects: [
        { project: 'MTFJ Christchurch', hours: 7.75 },
        { project: 'MTFJ Waimakariri', hours: 2 },
      ],
    });
    expect(
      report.advisers[0].lines.map((l: { project: string; kind: string; hours: number }) => [
        l.project,
        l.kind,
        l.hours,
      ]),
    ).toEqual([
      ['MTFJ Christchurch', 'advice', 1.25],
      ['MTFJ Christchurch', 'planning', 6.5],
      ['MTFJ Waimakariri', 'liaison', 2],
    ]);
    expect(report.advisers[0].lines.every((l: { nonFunded: boolean }) => l.nonFunded)).toBe(true);
  });

  it("should give a region's week by adviser", async () => {
    // Act
    const json = await h.request('GET', `/v1/reports/weekly?region=canterbury&week=${WEEK}`, {
      token: world.tokens.canterbury,
    });

    // Assess
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ kind: 'region', totalHours: 14.25, activityCount: 4 });
    expect(json.body.projects).toEqual([
      { project: 'MTFJ Christchurch', hours: 7.75 },
      { project: 'MTFJ Waimakariri', hours: 6.5 },
    ]);
    expect(
      json.body.advisers.map((a: { adviser: string; totalHours: number }) => [a.adviser, a.totalHours]),
    ).toEqual([
      ['Aroha Adviser', 9.75],
      ['Hemi Parata', 4.5],
    ]);
  });

  it("should give a region's week as printable HTML", async () => {
    // Act
    const html = await fetch(`${h.baseUrl}/v1/reports/weekly?region=canterbury&week=${WEEK}&format=html`, {
      headers: { authorization: `Bearer ${world.tokens.canterbury}` },
    });

    // Assess
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('<h1>Weekly report: Canterbury, week starting Monday 16 November 2026</h1>');
    expect(page).toContain('<h2>Hemi Parata</h2>');
    expect(page).toContain('4 activities, 14.25 hours by 2 of 2 advisers.');
  });

  it("should give an adviser's week as CSV, with text a spreadsheet would run kept as text", async () => {
    // Act
    const csv = await fetch(`${h.baseUrl}/v1/reports/weekly?adviser=${hemi}&week=${WEEK}`, {
      headers: { authorization: `Bearer ${world.tokens.canterbury}`, accept: 'text/csv' },
    });

    // Assess
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'week_starting,adviser,adviser_id,project,non_funded,council,kind,hours,summary,activity_id',
    );
    // A summary that a spreadsheet would run as a formula is written as text.
    expect(lines[1]).toMatch(
      new RegExp(
        `^2026-11-16,Hemi Parata,${hemi},MTFJ Waimakariri,true,Waimakariri District,liaison,4.5,"'=HYPERLINK\\(""x""\\)",`,
      ),
    );
    expect(lines).toHaveLength(2);
  });

  it('should refuse another region before reading anything of it', async () => {
    // Prepare
    const token = world.tokens.otago;

    // Act
    const adviser = await h.request('GET', `/v1/reports/weekly?adviser=${world.adviserId}&week=${WEEK}`, {
      token,
    });
    const region = await h.request('GET', `/v1/reports/weekly?region=canterbury&week=${WEEK}`, { token });
    // Even a region that does not exist is refused, not reported missing.
    const missingRegion = await h.request('GET', '/v1/reports/weekly?region=atlantis', { token });
    const withoutToken = await h.request('GET', `/v1/reports/weekly?region=canterbury&week=${WEEK}`);

    // Assess
    expect(adviser.status).toBe(403);
    expect(region.status).toBe(403);
    expect(region.body.detail).toContain('cannot see weekly reports of region "canterbury"');
    expect(missingRegion.status).toBe(403);
    expect(withoutToken.status).toBe(401);
  });

  it('should say how to ask for a report when the question is wrong', async () => {
    // Prepare
    const token = world.tokens.national;

    // Act
    const tuesday = await h.request('GET', '/v1/reports/weekly?region=canterbury&week=2026-11-17', { token });
    const neither = await h.request('GET', '/v1/reports/weekly', { token });
    const format = await h.request('GET', '/v1/reports/weekly?region=canterbury&format=pdf', { token });

    // Assess
    expect(tuesday.status).toBe(400);
    expect(tuesday.body.detail).toBe(
      '2026-11-17 is not a Monday: report weeks start on Mondays; the week it falls in starts on 2026-11-16.',
    );
    expect(neither.status).toBe(400);
    expect(neither.body.detail).toContain('Name either an adviser');
    expect(format.status).toBe(400);
  });

  it('should report last week, which starts on a Monday, when no week is named', async () => {
    // Act
    const lastWeek = await h.request('GET', '/v1/reports/weekly?region=canterbury', {
      token: world.tokens.national,
    });

    // Assess
    expect(lastWeek.status).toBe(200);
    expect(new Date(`${lastWeek.body.week}T00:00:00Z`).getUTCDay()).toBe(1);
  });
});
