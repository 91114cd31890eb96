import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';
import { agree } from '../../support/sign-offs.ts';

/** The ten rules of DOMAIN.md, each refused (or enforced) with words a staff member understands. */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
let token: string;

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
  token = world.tokens.canterbury;
});
afterAll(() => h.close());

const signers = () => ({ ceg: world.tokens.national, taskforce: world.tokens.mtfj });

const messages = (body: { errors?: { field: string; message: string }[] }) =>
  body.errors?.map((e) => `${e.field}: ${e.message}`).join('\n') ?? '';

describe('rule 1: every strategy names one of the two strategic goals', () => {
  it('should refuse a strategy without a goal, listing the goals', async () => {
    // Prepare
    const { goal: _goal, ...noGoal } = values.strategy('christchurch-city');

    // Act
    const response = await h.request('POST', '/v1/strategies', { token, body: noGoal });

    // Assess
    expect(response.status).toBe(422);
    expect(messages(response.body)).toContain('goal: is required: expected one of: 2005-youth, 2009-all');
  });

  it('should refuse a goal that is not one of the two', async () => {
    // Act
    const response = await h.request('POST', '/v1/strategies', {
      token,
      body: values.strategy('christchurch-city', { goal: '2010-everyone' }),
    });

    // Assess
    expect(response.status).toBe(422);
    expect(messages(response.body)).toContain(
      'goal: expected one of: 2005-youth, 2009-all, got "2010-everyone"',
    );
  });
});

describe('rule 2: CEG work applies only to councils of Taskforce members', () => {
  it.each([
    ['agreements', () => values.agreement('selwyn-district', world.adviserId)],
    ['strategies', () => values.strategy('selwyn-district')],
    ['activities', () => values.activity(world.adviserId, 'selwyn-district')],
  ])('should refuse %s for a council that is not a member', async (path, body) => {
    // Act
    const response = await h.request('POST', `/v1/${path}`, { token, body: body() });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ field: 'councilId', received: 'selwyn-district' });
    expect(response.body.errors[0].message).toContain(
      'Selwyn District is not a Mayors Taskforce for Jobs member council',
    );
  });
});

describe('rule 3: CEG does not recruit mayors; membership is recorded, never an activity', () => {
  it('should offer no recruitment kind of activity', async () => {
    // Act
    const response = await h.request('POST', '/v1/activities', {
      token,
      body: values.activity(world.adviserId, 'christchurch-city', { kind: 'recruitment' }),
    });

    // Assess
    expect(response.status).toBe(422);
    expect(messages(response.body)).toContain(
      'kind: expected one of: advice, planning, liaison, stakeholder-relationships, knowledge-sharing',
    );
  });

  it('should let only national staff record Taskforce membership on the council', async () => {
    // Prepare
    const council = await h.request('GET', '/v1/councils/selwyn-district', { token });

    // Act
    const response = await h.request('PATCH', '/v1/councils/selwyn-district', {
      token,
      body: { taskforceMember: true, memberSince: '2026-11-01' },
      headers: { 'if-match': `"${council.body.version}"` },
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('Councils can be changed only by national staff');
  });
});

describe('rule 4: work with a Taskforce mayor is the non-funded project "MTFJ <council>"', () => {
  it('should derive the project name and non-funded flag', async () => {
    // Act
    const response = await h.request('POST', '/v1/activities', {
      token: world.tokens.adviser,
      body: values.activity(world.adviserId, 'christchurch-city'),
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.values).toMatchObject({ projectName: 'MTFJ Christchurch', nonFunded: true });
  });

  it('should refuse a project name or funding flag set by the user', async () => {
    // Act
    const response = await h.request('POST', '/v1/activities', {
      token,
      body: {
        ...values.activity(world.adviserId, 'christchurch-city'),
        projectName: 'Christchurch project',
        nonFunded: false,
      },
    });

    // Assess
    expect(response.status).toBe(422);
    expect(messages(response.body)).toContain(
      'projectName: projectName is set by the system ("MTFJ <council name>"); leave it out',
    );
    expect(messages(response.body)).toContain('nonFunded: nonFunded is set by the system');
  });

  it('should refuse a report week that does not start on a Monday', async () => {
    // Act
    const response = await h.request('POST', '/v1/activities', {
      token,
      body: values.activity(world.adviserId, 'christchurch-city', { weekStarting: '2026-11-18' }),
    });

    // Assess
    expect(response.status).toBe(422);
    expect(messages(response.body)).toContain(
      'weekStarting: the week must start on a Monday; 2026-11-18 is not a Monday',
    );
  });
});

describe('rule 5: clear expectations come first', () => {
  // One council through its stages, so each step below builds on the one before.
  it('should refuse an active strategy until an agreement is agreed, then accept it', async () => {
    // Prepare: a council with no agreement.
    await h.request('PUT', '/v1/councils/waimakariri-district', {
      token: world.tokens.national,
      body: values.council('Waimakariri District', 'canterbury'),
      headers: { 'if-none-match': '*' },
    });
    const active = values.strategy('waimakariri-district', { status: 'active', startedOn: '2026-10-01' });

    // Act
    const refused = await h.request('POST', '/v1/strategies', { token, body: active });

    // Assess
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toContain(
      'status: a strategy cannot be active before the mayor and the adviser have agreed expectations',
    );

    // Prepare: a draft agreement.
    const draft = await post(
      h,
      token,
      'agreements',
      values.agreement('waimakariri-district', world.adviserId, 'draft'),
    );

    // Act
    const whileDraft = await h.request('POST', '/v1/strategies', { token, body: active });

    // Assess
    expect(whileDraft.status).toBe(422);

    // Prepare: both parties agree the expectations, which makes the agreement agreed.
    const agreed = await agree(h, signers(), 'agreements', draft.id);
    expect(agreed.values.status).toBe('agreed');

    // Act
    const accepted = await h.request('POST', '/v1/strategies', { token, body: active });

    // Assess
    expect(accepted.status).toBe(201);
  });
});

describe('rule 6: publicity about a joint strategy acknowledges both parties before publication', () => {
  // One piece of publicity through its stages, so each step below builds on the one before.
  it('should refuse to publish until each party has confirmed the text acknowledges the other', async () => {
    // Prepare: a draft only CEG has confirmed.
    const strategy = await post(h, token, 'strategies', values.strategy('christchurch-city'));
    const draft = {
      strategyId: strategy.id,
      title: 'Trades academy opens',
      channel: 'media-release',
      text: 'The Community Employment Group and the Mayors Taskforce for Jobs opened the academy.',
      status: 'draft',
    };
    const created = await post(h, token, 'publicity', draft);
    await agree(h, signers(), 'publicity', created.id, ['ceg']);
    const current = (await h.request('GET', `/v1/publicity/${created.id}`, { token })).body;

    // Act
    const refused = await h.request('PUT', `/v1/publicity/${created.id}`, {
      token,
      body: { ...draft, status: 'published' },
      headers: { 'if-match': `"${current.version}"` },
    });

    // Assess
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toContain('the Mayors Taskforce for Jobs has not agreed yet');

    // Prepare: the Taskforce confirms too.
    const signed = await agree(h, signers(), 'publicity', created.id, ['taskforce']);
    expect(signed.values).toMatchObject({ acknowledgesCeg: true, acknowledgesTaskforce: true });

    // Act
    const published = await h.request('PUT', `/v1/publicity/${created.id}`, {
      token,
      body: { ...draft, status: 'published' },
      headers: { 'if-match': `"${signed.version}"` },
    });

    // Assess
    expect(published.status).toBe(200);
    expect(published.body.regionId).toBe('canterbury');
    expect(published.body.councilId).toBe('christchurch-city');
  });
});

describe('rule 7: communications to external stakeholders are agreed by both parties before release', () => {
  const released = {
    regionId: 'canterbury',
    subject: 'Partnership update',
    audience: 'Employers',
    status: 'released',
    releasedOn: '2026-11-20',
  };

  it('should refuse release until both have agreed', async () => {
    // Act
    const refused = await h.request('POST', '/v1/communications', { token, body: released });

    // Assess
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toContain(
      'the Community Employment Group and the Mayors Taskforce for Jobs have not agreed yet',
    );
  });

  it('should not let the old agreement booleans be typed in', async () => {
    // Act
    const typed = await h.request('POST', '/v1/communications', {
      token,
      body: { ...released, agreedByCeg: true, agreedByTaskforce: true },
    });

    // Assess
    expect(typed.status).toBe(422);
    expect(messages(typed.body)).toContain('agreedByTaskforce is set by the system');
  });

  it('should release once both parties have agreed the draft', async () => {
    // Prepare
    const draft = await post(h, token, 'communications', { ...released, status: 'draft' });
    const agreed = await agree(h, signers(), 'communications', draft.id);

    // Act
    const response = await h.request('PUT', `/v1/communications/${draft.id}`, {
      token,
      body: released,
      headers: { 'if-match': `"${agreed.version}"` },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.values).toMatchObject({ agreedByCeg: true, agreedByTaskforce: true });
  });
});

describe('rule 8: each quarter has one progress report per region', () => {
  it('should give the report the id of its region and quarter, so a second one is a conflict', async () => {
    // Prepare
    const report = {
      regionId: 'canterbury',
      quarter: '2026-Q3',
      summary: 'Two strategies active.',
      status: 'draft',
    };

    // Act: the first report of the quarter.
    const first = await h.request('POST', '/v1/progress-reports', { token, body: report });

    // Assess
    expect(first.status).toBe(201);
    expect(first.body.id).toBe('canterbury-2026-q3');

    // Act: a second one for the same region and quarter.
    const second = await h.request('POST', '/v1/progress-reports', {
      token,
      body: { ...report, summary: 'Something else' },
    });

    // Assess
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain('already exists');
  });
});

describe('rule 9: advisers contribute to the knowledge base', () => {
  it('should let an adviser add good practice for their region', async () => {
    // Act
    const response = await h.request('POST', '/v1/practices', {
      token: world.tokens.adviser,
      body: {
        regionId: 'canterbury',
        title: 'Mayor-led employer breakfasts',
        summary: 'Quarterly breakfasts',
        whatWorked: 'Mayor invites',
        adviserId: world.adviserId,
      },
    });

    // Assess
    expect(response.status).toBe(201);
  });
});

describe('rule 10: employment profiles and the service directory are public; nothing else is', () => {
  it('should serve published profiles and listed services without a token, public fields only', async () => {
    // Prepare
    await post(h, token, 'employment-profiles', {
      regionId: 'canterbury',
      title: 'Canterbury profile',
      summary: 'Growing construction sector',
      consultationNotes: 'internal',
      published: true,
      publishedOn: '2026-09-01',
    });
    await post(h, token, 'employment-profiles', {
      regionId: 'canterbury',
      title: 'Draft profile',
      summary: 'Not yet',
      published: false,
    });

    // Act
    const response = await h.request('GET', '/v1/public/employment-profiles?region=canterbury');

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(1);
    expect(response.body.items[0].values).toEqual({
      regionId: 'canterbury',
      title: 'Canterbury profile',
      summary: 'Growing construction sector',
      publishedOn: '2026-09-01',
    });
  });

  it('should not serve other record types publicly', async () => {
    // Act
    const publicStrategies = await h.request('GET', '/v1/public/strategies');
    const withoutToken = await h.request('GET', '/v1/strategies');

    // Assess
    expect(publicStrategies.status).toBe(404);
    expect(withoutToken.status).toBe(401);
  });
});
