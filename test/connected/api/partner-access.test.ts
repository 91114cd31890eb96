import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator } from '../../../functions/api/authenticate.ts';
import { post, put, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * The Taskforce's reach: a mayor's office sees and writes only its councils' records, on every
 * route; the MTFJ Executive Officer reads everything and writes what the Taskforce owns. The
 * knowledge base is national to read and regional to write; a buddy pair belongs to both regions.
 */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
let christchurchNeed: { id: string; version: number };
let dunedinNeed: { id: string; version: number };
let dunedinAgreement: { id: string; version: number };
let communication: { id: string };

const need = (councilId: string, title = 'Youth jobs') => ({
  councilId,
  title,
  kind: 'need',
  identifiedOn: '2026-01-05',
  status: 'open',
});

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
  christchurchNeed = await post(h, world.tokens.canterbury, 'needs', need('christchurch-city'));
  dunedinNeed = await post(h, world.tokens.otago, 'needs', need('dunedin-city', 'Otago need'));
  const otagoAdviser = await post(
    h,
    world.tokens.national,
    'advisers',
    values.adviser('otago', ['dunedin-city'], 'Tama Adviser'),
  );
  dunedinAgreement = await post(
    h,
    world.tokens.otago,
    'agreements',
    values.agreement('dunedin-city', otagoAdviser.id, 'draft'),
  );
  communication = await post(h, world.tokens.canterbury, 'communications', {
    regionId: 'canterbury',
    subject: 'Partnership update',
    audience: 'Employers',
    status: 'draft',
  });
});
afterAll(() => h.close());

const ids = (body: { items: { id: string }[] }) => body.items.map((r) => r.id);

describe("a mayor's office sees only its councils", () => {
  it('should read its own council record and be refused another council’s, by id and history', async () => {
    // Act
    const own = await h.request('GET', `/v1/needs/${christchurchNeed.id}`, { token: world.tokens.mayor });
    const other = await h.request('GET', `/v1/needs/${dunedinNeed.id}`, { token: world.tokens.mayor });
    const history = await h.request('GET', `/v1/needs/${dunedinNeed.id}/history`, {
      token: world.tokens.mayor,
    });

    // Assess
    expect(own.status).toBe(200);
    expect(other.status).toBe(403);
    expect(other.body.detail).toContain('cannot see needs of council "dunedin-city"');
    expect(history.status).toBe(403);
  });

  it('should list its own council by default, and be refused another council or a whole region', async () => {
    // Act
    const mine = await h.request('GET', '/v1/needs', { token: world.tokens.mayor });
    const otherCouncil = await h.request('GET', '/v1/needs?council=dunedin-city', {
      token: world.tokens.mayor,
    });
    const region = await h.request('GET', '/v1/needs?region=canterbury', { token: world.tokens.mayor });

    // Assess
    expect(mine.status).toBe(200);
    expect(ids(mine.body)).toEqual([christchurchNeed.id]);
    expect(otherCouncil.status).toBe(403);
    expect(region.status).toBe(403);
  });

  it('should pull (sync) only its own council', async () => {
    // Act
    const pull = await h.request('GET', '/v1/sync/needs', { token: world.tokens.mayor });
    const otago = await h.request('GET', '/v1/sync/needs?region=otago', { token: world.tokens.mayor });
    const dunedin = await h.request('GET', '/v1/sync/needs?council=dunedin-city', {
      token: world.tokens.mayor,
    });

    // Assess
    expect(pull.status).toBe(200);
    expect(ids(pull.body)).toEqual([christchurchNeed.id]);
    expect(otago.status).toBe(403);
    expect(dunedin.status).toBe(403);
  });

  it('should not see records that belong to no council (communications), nor another council’s sign-offs', async () => {
    // Act
    const read = await h.request('GET', `/v1/communications/${communication.id}`, {
      token: world.tokens.mayor,
    });
    const view = await h.request('GET', `/v1/agreements/${dunedinAgreement.id}/sign-offs`, {
      token: world.tokens.mayor,
    });
    const agree = await h.request('POST', `/v1/agreements/${dunedinAgreement.id}/sign-offs/agree`, {
      token: world.tokens.mayor,
      body: { version: dunedinAgreement.version },
    });

    // Assess
    expect(read.status).toBe(403);
    expect(view.status).toBe(403);
    expect(agree.status).toBe(403);
  });

  it('should push what the Taskforce owns for its council, and be refused another council row by row', async () => {
    // Act
    const response = await h.request('POST', '/v1/sync/needs', {
      token: world.tokens.mayor,
      body: {
        rows: [{ values: need('christchurch-city', 'Mayor’s need') }, { values: need('dunedin-city') }],
      },
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body.rows.map((r: { status: string }) => r.status)).toEqual(['created', 'forbidden']);
    expect(response.body.rows[1].message).toContain('cannot change records of council "dunedin-city"');
  });

  it('should be refused pushing a record type CEG keeps, even for its own council', async () => {
    // Act
    const strategy = await h.request('POST', '/v1/sync/strategies', {
      token: world.tokens.mayor,
      body: { rows: [{ values: values.strategy('christchurch-city') }] },
    });

    // Assess
    expect(strategy.body.rows[0].status).toBe('forbidden');
    expect(strategy.body.rows[0].message).toContain('Strategies are kept by CEG');
  });
});

describe('the MTFJ Executive Officer (Taskforce, national)', () => {
  it('should read every region and council, and write communications but not CEG’s records', async () => {
    // Act
    const need = await h.request('GET', `/v1/needs/${dunedinNeed.id}`, { token: world.tokens.mtfj });
    const communications = await h.request('GET', '/v1/communications?region=canterbury', {
      token: world.tokens.mtfj,
    });
    const written = await h.request('POST', '/v1/communications', {
      token: world.tokens.mtfj,
      body: { regionId: 'otago', subject: 'Taskforce statement', audience: 'Media', status: 'draft' },
    });
    const refused = await h.request('POST', '/v1/advisers', {
      token: world.tokens.mtfj,
      body: values.adviser('otago', ['dunedin-city'], 'Not Allowed'),
    });

    // Assess
    expect(need.status).toBe(200);
    expect(communications.status).toBe(200);
    expect(written.status).toBe(201);
    expect(refused.status).toBe(403);
  });

  it('should not manage the user directory', async () => {
    // Act
    const response = await h.request('GET', '/v1/users/mayor@ccc.example.nz', { token: world.tokens.mtfj });

    // Assess
    expect(response.status).toBe(403);
  });
});

describe("partners sign in with their own organisation's OpenID Connect issuer", () => {
  it('should accept an Entra ID token naming the person in preferred_username, verified by JWKS', async () => {
    // Prepare: a council's tenant, as the operator configures it (docs/partners.md).
    const keys = await generateKeyPair('RS256', { extractable: true });
    const publicJwk = { ...(await exportJWK(keys.publicKey)), kid: 'tenant-key', alg: 'RS256' };
    const issuer = 'https://login.microsoftonline.com/tenant-ccc/v2.0';
    const auth = new Authenticator(
      [
        {
          kind: 'oidc',
          issuer,
          audience: ['partnership-records-web'],
          emailClaim: 'preferred_username',
          requireVerifiedEmail: false,
          jwks: { keys: [publicJwk as Record<string, unknown>] },
        },
      ],
      h.directory,
    );
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'tenant-key' })
        .setIssuer(issuer)
        .setAudience('partnership-records-web')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(keys.privateKey);

    const named = await sign({ preferred_username: 'Mayor@CCC.example.nz' });
    const nameless = await sign({ name: 'No email' });

    // Act
    const principal = await auth.authenticate(`Bearer ${named}`);
    const withoutEmail = () => auth.authenticate(`Bearer ${nameless}`);

    // Assess
    expect(principal).toMatchObject({ id: 'mayor@ccc.example.nz', party: 'taskforce', role: 'council' });
    await expect(withoutEmail()).rejects.toThrow('verified email address');
  });
});

describe('the user directory records each person’s party', () => {
  it("should give a mayor's office its councils' regions", async () => {
    // Act
    const saved = await h.request('PUT', '/v1/users/mayor@waimak.example.nz', {
      token: world.tokens.national,
      body: { party: 'taskforce', role: 'council', regionIds: [], councilIds: ['dunedin-city'] },
    });

    // Assess
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ party: 'taskforce', role: 'council', regionIds: ['otago'] });
  });

  it('should refuse a role the party does not have, and a council that does not exist', async () => {
    // Act
    const wrong = await h.request('PUT', '/v1/users/someone@mtfj.example.nz', {
      token: world.tokens.national,
      body: { party: 'taskforce', role: 'adviser', regionIds: ['otago'] },
    });
    const noCouncil = await h.request('PUT', '/v1/users/x@ccc.example.nz', {
      token: world.tokens.national,
      body: { party: 'taskforce', role: 'council', regionIds: [], councilIds: ['atlantis'] },
    });

    // Assess
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({
      field: 'role',
      message: 'Taskforce people are national or council, not adviser',
    });
    expect(noCouncil.status).toBe(400);
  });
});

describe('the national knowledge base', () => {
  it('should let Canterbury read and search Otago’s practices and joint ventures, and write only its own', async () => {
    // Prepare
    const otagoPractice = await post(h, world.tokens.otago, 'practices', {
      regionId: 'otago',
      title: 'Māori trades cadetships',
      summary: 'Cadets trained with the marae on building projects.',
      topic: 'youth-employment',
      whatWorked: 'Whānau support and paid placements.',
      whatDidNot: 'Evening classes.',
    });
    await post(h, world.tokens.canterbury, 'practices', {
      regionId: 'canterbury',
      title: 'Mayoral breakfasts',
      summary: 'Monthly breakfasts with employers.',
      topic: 'business-engagement',
    });

    // Act
    const read = await h.request('GET', `/v1/practices/${otagoPractice.id}`, { token: world.tokens.adviser });
    const list = await h.request('GET', '/v1/practices?region=otago', { token: world.tokens.adviser });
    const search = await h.request('GET', '/v1/knowledge-base?q=maori%20cadet&region=otago', {
      token: world.tokens.adviser,
    });
    const lessons = await h.request('GET', '/v1/knowledge-base?lesson=did-not', {
      token: world.tokens.mayor,
    });
    const topic = await h.request('GET', '/v1/knowledge-base?topic=business-engagement', {
      token: world.tokens.mtfj,
    });
    const write = await h.request('POST', '/v1/practices', {
      token: world.tokens.adviser,
      body: { regionId: 'otago', title: 'Not mine', summary: 'Should be refused' },
    });

    // Assess
    expect(read.status).toBe(200);
    expect(ids(list.body)).toEqual([otagoPractice.id]);
    expect(search.status).toBe(200);
    expect(search.body.items.map((i: { id: string }) => i.id)).toEqual([otagoPractice.id]);
    expect(search.body.facets.regions).toEqual({ otago: 1 });
    expect(lessons.body.items.map((i: { title: string }) => i.title)).toEqual(['Māori trades cadetships']);
    expect(topic.body.items.map((i: { title: string }) => i.title)).toEqual(['Mayoral breakfasts']);
    expect(write.status).toBe(403);
    expect(write.body.detail).toContain('cannot change records of region "otago"');
  });

  // One practice added and deleted, so each step below builds on the one before.
  it('should find a change at once, and forget a deleted practice', async () => {
    // Act: add a practice.
    const created = await post(h, world.tokens.canterbury, 'practices', {
      regionId: 'canterbury',
      title: 'Kaikōura roadshow',
      summary: 'A roadshow of local services.',
    });

    // Assess
    const found = await h.request('GET', '/v1/knowledge-base?q=kaikoura', { token: world.tokens.otago });
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([created.id]);

    // Act: delete it.
    await h.request('DELETE', `/v1/practices/${created.id}`, {
      token: world.tokens.canterbury,
      headers: { 'if-match': `"${created.version}"` },
    });

    // Assess
    const gone = await h.request('GET', '/v1/knowledge-base?q=kaikoura', { token: world.tokens.otago });
    expect(gone.body.total).toBe(0);
  });

  it('should say what to fix in a bad search', async () => {
    // Act
    const response = await h.request('GET', '/v1/knowledge-base?topic=gardening&lesson=maybe', {
      token: world.tokens.adviser,
    });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lesson', 'topic']);
  });
});

describe('buddy pairs join two regions', () => {
  it('should be seen and updated by both groups’ regions, and by nobody else', async () => {
    // Prepare
    await put(h, world.tokens.national, 'regions', 'west-coast', values.region('West Coast'));
    const westCoast = await h.signIn('wc@ceg.example.nz', 'regional', ['west-coast']);
    const canterburyGroup = await post(h, world.tokens.canterbury, 'lec-groups', {
      regionId: 'canterbury',
      name: 'Christchurch LEC',
    });
    const otagoGroup = await post(h, world.tokens.otago, 'lec-groups', {
      regionId: 'otago',
      name: 'Dunedin LEC',
    });
    const pair = await post(h, world.tokens.canterbury, 'buddy-pairs', {
      lecGroupId: canterburyGroup.id,
      buddyLecGroupId: otagoGroup.id,
      since: '2026-03-01',
    });

    // Act
    const otagoList = await h.request('GET', '/v1/buddy-pairs?region=otago', { token: world.tokens.otago });
    const otagoPull = await h.request('GET', '/v1/sync/buddy-pairs', { token: world.tokens.otago });
    const otagoRead = await h.request('GET', `/v1/buddy-pairs/${pair.id}`, { token: world.tokens.otago });
    const update = await h.request('PATCH', `/v1/buddy-pairs/${pair.id}`, {
      token: world.tokens.otago,
      body: { notes: 'Monthly calls' },
      headers: { 'if-match': `"${pair.version}"` },
    });
    const outsider = await h.request('GET', `/v1/buddy-pairs/${pair.id}`, { token: westCoast });
    const outsiderList = await h.request('GET', '/v1/buddy-pairs', { token: westCoast });

    // Assess
    expect(pair.sharedRegionId).toBe('otago');
    expect(ids(otagoList.body)).toEqual([pair.id]);
    expect(ids(otagoPull.body)).toEqual([pair.id]);
    expect(otagoRead.status).toBe(200);
    expect(update.status).toBe(200);
    expect(update.body.values.notes).toBe('Monthly calls');
    expect(outsider.status).toBe(403);
    expect(ids(outsiderList.body)).toEqual([]);
    // Canterbury's list shows the change made in Otago.
    const canterbury = await h.request('GET', '/v1/buddy-pairs', { token: world.tokens.canterbury });
    expect(canterbury.body.items[0].values.notes).toBe('Monthly calls');
  });
});
