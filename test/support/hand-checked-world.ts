import { definitionForPath } from '../../functions/records/registry.ts';
import { post, seedWorld, values } from './factories.ts';
import type { Harness } from './harness.ts';
import { pushSignedRows } from './sign-offs.ts';

/**
 * A small world whose dashboard figures were worked out by hand (see the expectations in
 * rollup.test.ts). The snapshot date is Wednesday 18 November 2026: its report week starts on
 * Monday 16 November, the week before on 9 November; it is in 2026-Q4; plans reviewed on or after
 * 18 November 2025 count as reviewed in the last year. Some records carry dates after the snapshot
 * date, to show that a snapshot describes the records as of its own date.
 */
export const SNAPSHOT_DATE = '2026-11-18';

/** Creates rows of one type in one sync push, and fails loudly unless every row is created. */
async function pushRows(
  h: Harness,
  token: string,
  path: string,
  rows: { id?: string; values: Record<string, unknown> }[],
) {
  const response = await h.request('POST', `/v1/sync/${path}?dryRun=false`, { token, body: { rows } });
  const refused = (response.body?.rows ?? []).filter((r: { status: string }) => r.status !== 'created');
  if (response.status !== 200 || refused.length > 0) {
    throw new Error(
      `setup: pushing ${path} gave ${response.status}: ${JSON.stringify(refused.length ? refused : response.body)}`,
    );
  }
}

export async function seedHandCheckedWorld(h: Harness) {
  const world = await seedWorld(h);
  const t = world.tokens.national;
  const canterburyAdviser = world.adviserId;
  // Rows by resource path, pushed in this order (every record after those it refers to).
  const rows: Record<string, { id?: string; values: Record<string, unknown> }[]> = {
    regions: [],
    councils: [],
    agreements: [],
    strategies: [],
    activities: [],
    indicators: [],
    'lec-groups': [],
    organisations: [],
    memberships: [],
    actions: [],
    publicity: [],
    communications: [],
    practices: [],
  };
  const add = (path: string, id: string, values: Record<string, unknown>) => rows[path]!.push({ id, values });
  // Indicators and memberships take their ids from their values (natural keys).
  const addByValues = (path: string, values: Record<string, unknown>) => rows[path]!.push({ values });

  // A third region with no Taskforce member: not expected to report. A council that joins later.
  add('regions', 'west-coast', values.region('West Coast'));
  add('councils', 'buller-district', values.council('Buller District', 'west-coast', false));
  add('councils', 'waimakariri-district', {
    ...values.council('Waimakariri District', 'canterbury'),
    memberSince: '2027-01-01',
  });
  await pushRows(h, t, 'regions', rows.regions!);
  await pushRows(h, t, 'councils', rows.councils!);
  const otagoAdviser = (
    await post(h, t, 'advisers', values.adviser('otago', ['dunedin-city'], 'Tama Adviser'))
  ).id as string;

  // Christchurch agreed in February; Dunedin's agreement is dated after the snapshot.
  add('agreements', 'agr-christchurch', values.agreement('christchurch-city', canterburyAdviser));
  add('agreements', 'agr-dunedin', {
    ...values.agreement('dunedin-city', otagoAdviser, 'draft'),
    status: 'agreed',
    agreedOn: '2026-12-01',
    reviewBy: '2027-12-01',
  });

  const strategy = (id: string, councilId: string, overrides: Record<string, unknown>) =>
    add('strategies', id, values.strategy(councilId, overrides));
  strategy('s1', 'christchurch-city', {
    title: 'Youth hub',
    status: 'active',
    startedOn: '2026-03-01',
    buildsOn: 'The youth hub at the library',
    peopleIntoWorkOrTraining: 10,
    youngPeopleIntoWorkOrTraining: 6,
  });
  strategy('s2', 'christchurch-city', {
    title: 'Trades pathway',
    goal: '2009-all',
    jointlySupported: false,
    status: 'completed',
    startedOn: '2026-01-10',
    completedOn: '2026-10-20',
    peopleIntoWorkOrTraining: 20,
    youngPeopleIntoWorkOrTraining: 5,
  });
  strategy('s3', 'christchurch-city', { title: 'Rangatahi mentoring' });
  strategy('s4', 'christchurch-city', {
    title: 'Employer pledge',
    goal: '2009-all',
    status: 'completed',
    startedOn: '2026-10-01',
    completedOn: '2026-11-30',
    peopleIntoWorkOrTraining: 7,
    youngPeopleIntoWorkOrTraining: 7,
  });
  strategy('s5', 'dunedin-city', {
    title: 'Harbour jobs',
    jointlySupported: false,
    status: 'discontinued',
    buildsOn: 'The existing trades academy',
    peopleIntoWorkOrTraining: 3,
    youngPeopleIntoWorkOrTraining: 1,
  });
  strategy('s6', 'dunedin-city', {
    title: 'Campus to careers',
    goal: '2009-all',
    status: 'active',
    startedOn: '2026-12-05',
    peopleIntoWorkOrTraining: 4,
    youngPeopleIntoWorkOrTraining: 2,
  });

  const activity = (id: string, adviserId: string, councilId: string, weekStarting: string, hours: number) =>
    add('activities', id, values.activity(adviserId, councilId, { weekStarting, hours }));
  activity('a1', canterburyAdviser, 'christchurch-city', '2026-11-16', 6.5);
  activity('a2', canterburyAdviser, 'christchurch-city', '2026-11-16', 1.25);
  activity('a3', canterburyAdviser, 'christchurch-city', '2026-11-09', 3);
  activity('a4', canterburyAdviser, 'christchurch-city', '2026-08-24', 9);
  activity('a5', canterburyAdviser, 'christchurch-city', '2026-11-23', 4);
  activity('b1', otagoAdviser, 'dunedin-city', '2026-11-02', 2.5);

  const indicator = (councilId: string, period: string, people: number, young: number) =>
    addByValues('indicators', {
      councilId,
      period,
      peopleNotInWorkOrTraining: people,
      youngPeopleNotInWorkOrTraining: young,
    });
  indicator('christchurch-city', '2026-Q2', 1000, 400);
  indicator('christchurch-city', '2026-Q3', 950, 380);
  indicator('dunedin-city', '2026-Q3', 500, 150);
  indicator('christchurch-city', '2027-Q1', 900, 300);

  add('lec-groups', 'g1', {
    regionId: 'canterbury',
    name: 'Canterbury LEC',
    planReviewedOn: '2026-03-01',
    establishedOn: '2024-01-01',
  });
  add('lec-groups', 'g2', {
    regionId: 'canterbury',
    name: 'Selwyn jobs network',
    planReviewedOn: '2025-06-30',
  });
  add('lec-groups', 'g3', { regionId: 'otago', name: 'Otago LEC', establishedOn: '2026-12-01' });
  add('lec-groups', 'g4', {
    regionId: 'otago',
    name: 'Dunedin employment forum',
    planReviewedOn: '2025-11-18',
  });

  const organisation = (id: string, regionId: string, name: string) =>
    add('organisations', id, { regionId, name, sector: 'community', keyPlayer: true });
  organisation('o1', 'canterbury', 'Christchurch Polytech');
  organisation('o2', 'canterbury', 'Canterbury Employers');
  organisation('o3', 'otago', 'Otago Rūnanga');
  const membership = (lecGroupId: string, organisationId: string, extra: Record<string, unknown>) =>
    addByValues('memberships', {
      lecGroupId,
      organisationId,
      seniorCommitment: false,
      inBusinessPlan: false,
      ...extra,
    });
  membership('g1', 'o1', { seniorCommitment: true, inBusinessPlan: true, joinedOn: '2025-01-01' });
  membership('g1', 'o2', {});
  membership('g2', 'o1', { seniorCommitment: true, joinedOn: '2026-12-01' });
  membership('g4', 'o3', { seniorCommitment: true });

  const action = (id: string, lecGroupId: string, fields: Record<string, unknown>) =>
    add('actions', id, { lecGroupId, owner: 'Mere Tipene', ...fields });
  action('x1', 'g1', { title: 'Draft "youth" plan, stage 1', dueOn: '2026-11-01', status: 'open' });
  action('x2', 'g1', { title: 'Book the venue', dueOn: '2026-11-18', status: 'in-progress' });
  action('x3', 'g1', {
    title: 'Send the minutes',
    dueOn: '2026-10-01',
    status: 'done',
    completedOn: '2026-10-05',
  });
  action('x4', 'g1', {
    title: 'Survey employers',
    dueOn: '2026-09-30',
    status: 'done',
    completedOn: '2026-11-20',
  });
  action('x6', 'g2', { title: '=cmd|calc', owner: '@Tama', dueOn: '2026-11-17', status: 'open' });
  action('y1', 'g4', {
    title: 'Review the plan',
    owner: 'Hemi Parata',
    dueOn: '2026-10-18',
    status: 'open',
  });

  const publicity = (id: string, strategyId: string, fields: Record<string, unknown>) =>
    add('publicity', id, {
      strategyId,
      title: `Announcement ${id}`,
      channel: 'media-release',
      ...fields,
    });
  publicity('p1', 's1', {
    acknowledgesCeg: true,
    acknowledgesTaskforce: false,
    status: 'draft',
    plannedFor: '2026-12-01',
  });
  publicity('p2', 's1', { acknowledgesCeg: true, acknowledgesTaskforce: true, status: 'published' });
  publicity('p3', 's5', { acknowledgesCeg: false, acknowledgesTaskforce: false, status: 'approved' });

  const communication = (id: string, regionId: string, fields: Record<string, unknown>) =>
    add('communications', id, {
      regionId,
      subject: `Update ${id}`,
      audience: 'Local employers',
      ...fields,
    });
  communication('c1', 'canterbury', { agreedByCeg: false, agreedByTaskforce: true, status: 'draft' });
  communication('c2', 'canterbury', {
    agreedByCeg: true,
    agreedByTaskforce: true,
    status: 'released',
    releasedOn: '2026-11-02',
  });
  communication('c3', 'otago', { agreedByCeg: true, agreedByTaskforce: true, status: 'draft' });

  // Added to the knowledge base today, after the snapshot date.
  add('practices', 'k1', {
    regionId: 'canterbury',
    title: 'Mayoral breakfasts',
    summary: 'Monthly breakfasts with employers',
  });
  add('practices', 'k2', {
    regionId: 'canterbury',
    title: 'Joint job fair',
    summary: 'One fair, two sponsors',
  });

  for (const [path, pending] of Object.entries(rows)) {
    if (path === 'regions' || path === 'councils') continue;
    if (definitionForPath(path)?.signOff) {
      await pushSignedRows(
        h,
        t,
        { ceg: t, taskforce: world.tokens.mtfj },
        path,
        pending as { id: string; values: Record<string, unknown> }[],
      );
    } else await pushRows(h, t, path, pending);
  }
  return { ...world, otagoAdviser };
}
