import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignOffService } from '../../../functions/domain/sign-off-service.ts';
import { definitionForType } from '../../../functions/records/registry.ts';
import { post, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * Sign-offs as records of consent: who may give each party's, what voids them, what they allow,
 * and the lists of what awaits a person or a party.
 */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
});
afterAll(() => h.close());

const get = (path: string, token: string) => h.request('GET', path, { token });
const act = (path: string, action: string, token: string, body: unknown) =>
  h.request('POST', `/v1/${path}/sign-offs/${action}`, { token, body });

async function draftAgreement(councilId = 'christchurch-city') {
  return post(h, world.tokens.adviser, 'agreements', values.agreement(councilId, world.adviserId, 'draft'));
}

describe('sign-offs: each party signs for itself', () => {
  it('should record the party, the person, the time and the version signed', async () => {
    // Prepare
    const agreement = await draftAgreement();

    // Act
    const response = await act(`agreements/${agreement.id}`, 'agree', world.tokens.mayor, {
      version: agreement.version,
      comment: 'Agreed at the mayoral meeting.',
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.signOffs.taskforce).toMatchObject({
      party: 'taskforce',
      state: 'given',
      given: {
        by: 'mayor@ccc.example.nz',
        version: agreement.version,
        text: { expectations: agreement.values.expectations },
        comment: 'Agreed at the mayoral meeting.',
      },
    });
    expect(Date.parse(response.body.signOffs.taskforce.given.at)).not.toBeNaN();
    expect(response.body.values).toMatchObject({ agreedByTaskforce: true, agreedByCeg: false });
    // The other party is now awaited.
    expect(response.body.signOffs.ceg).toMatchObject({
      state: 'awaiting',
      requestedBy: 'mayor@ccc.example.nz',
    });
  });

  it('should make the agreement agreed once the adviser agrees too, dated today', async () => {
    // Prepare
    const agreement = await draftAgreement();
    const mayor = await act(`agreements/${agreement.id}`, 'agree', world.tokens.mayor, {
      version: agreement.version,
    });

    // Act
    const adviser = await act(`agreements/${agreement.id}`, 'agree', world.tokens.adviser, {
      version: mayor.body.version,
    });

    // Assess
    expect(adviser.status).toBe(200);
    expect(adviser.body.values).toMatchObject({
      status: 'agreed',
      agreedByCeg: true,
      agreedByTaskforce: true,
    });
    expect(adviser.body.values.agreedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['a viewer', 'viewer', 'viewers cannot sign off'],
    ["another council's mayor", 'dunedinMayor', 'cannot see agreements of council "christchurch-city"'],
    ['CEG staff of another region', 'otago', 'cannot see agreements of region "canterbury"'],
  ] as const)('should refuse a sign-off by %s', async (_who, key, words) => {
    // Prepare
    const agreement = await draftAgreement();

    // Act
    const response = await act(`agreements/${agreement.id}`, 'agree', world.tokens[key], {
      version: agreement.version,
    });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain(words);
    const stored = await get(`/v1/agreements/${agreement.id}`, world.tokens.national);
    expect(stored.body.version).toBe(agreement.version);
  });

  it('should refuse a sign-off from a machine client: consent is a person\u2019s', async () => {
    // Prepare
    const agreement = await draftAgreement();
    const service = new SignOffService(h.store);
    const machine = { kind: 'client' as const, id: 'council-site', role: 'national' as const, regionIds: [] };

    // Act
    const giving = () =>
      service.give(definitionForType('agreement')!, machine, agreement.id, { version: agreement.version });

    // Assess
    await expect(giving()).rejects.toThrow('machine clients cannot give one');
  });

  it('should refuse sign-offs on record types that take none', async () => {
    // Prepare
    const need = await post(h, world.tokens.adviser, 'needs', {
      councilId: 'christchurch-city',
      title: 'Youth jobs',
      kind: 'need',
      identifiedOn: '2026-01-05',
      status: 'open',
    });

    // Act
    const response = await act(`needs/${need.id}`, 'agree', world.tokens.adviser, { version: 1 });

    // Assess
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('do not take sign-offs');
  });

  it('should refuse an answer to text that changed after it was read, naming the fields', async () => {
    // Prepare
    const agreement = await draftAgreement();
    const edited = await h.request('PATCH', `/v1/agreements/${agreement.id}`, {
      token: world.tokens.adviser,
      body: { expectations: 'Weekly meetings instead.' },
      headers: { 'if-match': `"${agreement.version}"` },
    });

    // Act
    const response = await act(`agreements/${agreement.id}`, 'agree', world.tokens.mayor, {
      version: agreement.version,
    });

    // Assess
    expect(response.status).toBe(409);
    expect(response.body.detail).toContain('expectations now differs');
    expect(response.body.current.version).toBe(edited.body.version);
  });
});

describe('sign-offs: a change to the signed text voids them, other changes keep them', () => {
  it('should keep both sign-offs when an unsigned field changes, and void them when the text changes', async () => {
    // Prepare: publicity agreed by both parties.
    const strategy = await post(h, world.tokens.adviser, 'strategies', values.strategy('christchurch-city'));
    const draft = {
      strategyId: strategy.id,
      title: 'Academy opens',
      channel: 'website',
      text: 'CEG and the Mayors Taskforce for Jobs opened the academy.',
      status: 'draft',
    };
    const created = await post(h, world.tokens.adviser, 'publicity', draft);
    const one = await act(`publicity/${created.id}`, 'agree', world.tokens.adviser, {
      version: created.version,
    });
    const both = await act(`publicity/${created.id}`, 'agree', world.tokens.mayor, {
      version: one.body.version,
    });

    // Act: an unrelated change, then a change of the text.
    const unrelated = await h.request('PATCH', `/v1/publicity/${created.id}`, {
      token: world.tokens.adviser,
      body: { plannedFor: '2026-12-24' },
      headers: { 'if-match': `"${both.body.version}"` },
    });
    const rewritten = await h.request('PATCH', `/v1/publicity/${created.id}`, {
      token: world.tokens.adviser,
      body: { text: 'The academy opened.' },
      headers: { 'if-match': `"${unrelated.body.version}"` },
    });

    // Assess
    expect(unrelated.status).toBe(200);
    expect(unrelated.body.values).toMatchObject({ acknowledgesCeg: true, acknowledgesTaskforce: true });
    expect(rewritten.status).toBe(200);
    expect(rewritten.body.values).toMatchObject({ acknowledgesCeg: false, acknowledgesTaskforce: false });
    expect(rewritten.body.signOffs.taskforce).toMatchObject({
      state: 'awaiting',
      lastGiven: { by: 'mayor@ccc.example.nz' },
      reopened: { reason: 'changed', by: 'aroha@ceg.example.nz', fields: ['text'] },
    });

    // Assess: history shows who changed what, sign-offs included.
    const history = await get(`/v1/publicity/${created.id}/history`, world.tokens.adviser);
    const ops = history.body.items.map((e: { op: string; by: string }) => `${e.op} by ${e.by}`);
    expect(ops).toEqual([
      'created by aroha@ceg.example.nz',
      'signed-off by aroha@ceg.example.nz',
      'signed-off by mayor@ccc.example.nz',
      'updated by aroha@ceg.example.nz',
      'updated by aroha@ceg.example.nz',
    ]);
    const last = history.body.items.at(-1);
    expect(last.changes.map((c: { field: string }) => c.field)).toEqual(
      expect.arrayContaining(['text', 'acknowledgesCeg', 'signOff.ceg', 'signOff.taskforce']),
    );
  });

  it('should show what changed since the party last agreed', async () => {
    // Prepare
    const agreement = await draftAgreement();
    const agreed = await act(`agreements/${agreement.id}`, 'agree', world.tokens.mayor, {
      version: agreement.version,
    });
    await h.request('PATCH', `/v1/agreements/${agreement.id}`, {
      token: world.tokens.adviser,
      body: { expectations: 'Monthly meetings with the mayor and the youth council.' },
      headers: { 'if-match': `"${agreed.body.version}"` },
    });

    // Act
    const view = await get(`/v1/agreements/${agreement.id}/sign-offs`, world.tokens.mayor);

    // Assess
    expect(view.status).toBe(200);
    const taskforce = view.body.parties.find((p: { party: string }) => p.party === 'taskforce');
    expect(taskforce.state).toBe('awaiting');
    expect(taskforce.sinceLastAgreed).toEqual([
      {
        field: 'expectations',
        agreed: agreement.values.expectations,
        now: 'Monthly meetings with the mayor and the youth council.',
      },
    ]);
    expect(view.body.signedFields).toEqual([
      { name: 'expectations', title: 'Expectations' },
      { name: 'reviewBy', title: 'Review by' },
    ]);
  });
});

describe('sign-offs: statuses that need both parties', () => {
  it('should refuse "agreed" until both current sign-offs exist, naming who still has to agree', async () => {
    // Prepare
    const agreement = await draftAgreement();
    const requested = await act(`agreements/${agreement.id}`, 'request', world.tokens.adviser, {
      party: 'taskforce',
      requestedOf: 'Mayor@ccc.example.nz',
    });

    // Act
    const response = await h.request('PATCH', `/v1/agreements/${agreement.id}`, {
      token: world.tokens.adviser,
      body: { status: 'agreed', agreedOn: '2026-11-20' },
      headers: { 'if-match': `"${requested.body.version}"` },
    });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toContain(
      'the Community Employment Group and the Mayors Taskforce for Jobs (asked of mayor@ccc.example.nz) have not agreed yet',
    );
  });

  it('should let a withdrawn sign-off take an agreed agreement back under review', async () => {
    // Prepare: an agreement both parties agreed.
    const agreement = await draftAgreement();
    const one = await act(`agreements/${agreement.id}`, 'agree', world.tokens.mayor, {
      version: agreement.version,
    });
    await act(`agreements/${agreement.id}`, 'agree', world.tokens.adviser, { version: one.body.version });

    // Act
    const withdrawn = await act(`agreements/${agreement.id}`, 'withdraw', world.tokens.mayor, {
      comment: 'The council wants to revisit the youth targets.',
    });

    // Assess
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.values).toMatchObject({
      status: 'under-review',
      agreedByTaskforce: false,
      agreedByCeg: true,
    });
    expect(withdrawn.body.signOffs.taskforce.reopened).toMatchObject({
      reason: 'withdrawn',
      comment: 'The council wants to revisit the youth targets.',
    });
  });

  it('should keep the party awaited on "not yet", with its comment, and ask for one', async () => {
    // Prepare
    const agreement = await draftAgreement();

    // Act
    const missing = await act(`agreements/${agreement.id}`, 'not-yet', world.tokens.mayor, {
      version: agreement.version,
    });
    const notYet = await act(`agreements/${agreement.id}`, 'not-yet', world.tokens.mayor, {
      version: agreement.version,
      comment: 'Add the youth council, please.',
    });

    // Assess: without a comment it is refused and changes nothing, so the second answer is to the same version.
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('comment');
    expect(notYet.status).toBe(200);
    expect(notYet.body.signOffs.taskforce).toMatchObject({
      state: 'awaiting',
      notYet: { by: 'mayor@ccc.example.nz', comment: 'Add the youth council, please.' },
    });
  });
});

describe('sign-offs: what awaits me and my party', () => {
  it('should list a request under the person asked, their party within reach, and nobody else', async () => {
    // Prepare: one request for Christchurch's mayor, one for Dunedin's council.
    const christchurch = await draftAgreement();
    await act(`agreements/${christchurch.id}`, 'request', world.tokens.adviser, {
      party: 'taskforce',
      requestedOf: 'mayor@ccc.example.nz',
      comment: 'Please agree before the council meeting.',
    });
    await h.signIn('dunedin.adviser@ceg.example.nz', 'adviser', ['otago']);
    const otagoAdviser = await post(
      h,
      world.tokens.national,
      'advisers',
      values.adviser('otago', ['dunedin-city'], 'Tama Adviser'),
    );
    const dunedin = await post(
      h,
      world.tokens.otago,
      'agreements',
      values.agreement('dunedin-city', otagoAdviser.id, 'draft'),
    );
    await act(`agreements/${dunedin.id}`, 'request', world.tokens.otago, { party: 'taskforce' });

    // Act
    const mine = await get('/v1/sign-offs/awaiting?for=me', world.tokens.mayor);
    const mayorsParty = await get('/v1/sign-offs/awaiting', world.tokens.mayor);
    const dunedinParty = await get('/v1/sign-offs/awaiting?for=party', world.tokens.dunedinMayor);
    const national = await get('/v1/sign-offs/awaiting?for=party', world.tokens.mtfj);
    const ceg = await get('/v1/sign-offs/awaiting?for=party', world.tokens.canterbury);

    // Assess
    const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);
    expect(mine.status).toBe(200);
    expect(ids(mine)).toContain(christchurch.id);
    expect(
      mine.body.items.every((i: { requestedOf?: string }) => i.requestedOf === 'mayor@ccc.example.nz'),
    ).toBe(true);
    expect(mine.body.items.find((i: { id: string }) => i.id === christchurch.id)).toMatchObject({
      type: 'agreement',
      path: 'agreements',
      party: 'taskforce',
      councilId: 'christchurch-city',
      requestedOf: 'mayor@ccc.example.nz',
      requestComment: 'Please agree before the council meeting.',
      title: expect.stringContaining('Monthly meetings'),
    });
    expect(ids(mayorsParty)).toContain(christchurch.id);
    expect(ids(mayorsParty)).not.toContain(dunedin.id);
    expect(ids(dunedinParty)).toEqual([dunedin.id]);
    expect(ids(national)).toEqual(expect.arrayContaining([christchurch.id, dunedin.id]));
    expect(ids(ceg)).not.toContain(christchurch.id);

    // Once the mayor agrees, it awaits nobody in the Taskforce.
    const current = await get(`/v1/agreements/${christchurch.id}`, world.tokens.mayor);
    await act(`agreements/${christchurch.id}`, 'agree', world.tokens.mayor, {
      version: current.body.version,
    });
    expect(ids(await get('/v1/sign-offs/awaiting?for=me', world.tokens.mayor))).not.toContain(
      christchurch.id,
    );
    expect(ids(await get('/v1/sign-offs/awaiting', world.tokens.canterbury))).toContain(christchurch.id);
  });
});
