import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Authenticator } from '../../../functions/api/authenticate.ts';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from '../../../local/dev-issuer.ts';
import { post, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;
let dunedinNeedId: string;

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
  dunedinNeedId = (
    await post(h, world.tokens.otago, 'needs', {
      councilId: 'dunedin-city',
      title: 'Otago need',
      kind: 'need',
      identifiedOn: '2026-01-05',
      status: 'open',
    })
  ).id;
});
afterAll(() => h.close());

const me = (token: string) => h.request('GET', '/v1/me', { token });

describe('tokens: only valid ones from trusted issuers are accepted', () => {
  it('should accept a valid token and say who it belongs to', async () => {
    // Act
    const response = await me(world.tokens.canterbury);

    // Assess
    expect(response.body).toEqual({
      kind: 'user',
      id: 'cant@ceg.example.nz',
      party: 'ceg',
      role: 'regional',
      regionIds: ['canterbury'],
    });
  });

  it('should ask for a token when there is none', async () => {
    // Act
    const response = await h.request('GET', '/v1/me');

    // Assess
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(response.body.detail).toContain('Sign in first');
  });

  it.each([
    [
      'expired',
      () => h.issuer.mint('cant@ceg.example.nz', { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
      'has expired',
    ],
    [
      'not yet valid',
      () => h.issuer.mint('cant@ceg.example.nz', { notBefore: Math.floor(Date.now() / 1000) + 600 }),
      'not valid yet',
    ],
    [
      'for another audience',
      () => h.issuer.mint('cant@ceg.example.nz', { audience: 'someone-else' }),
      'another application',
    ],
    [
      'from an unknown issuer',
      () => h.issuer.mint('cant@ceg.example.nz', { issuer: 'https://evil.example' }),
      'are not accepted here',
    ],
  ])('should refuse a token %s', async (_case, make, words) => {
    // Act
    const response = await me(await make());

    // Assess
    expect(response.status).toBe(401);
    expect(response.body.detail).toContain(words);
  });

  it('should refuse an unsigned token (alg none)', async () => {
    // Prepare
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        iss: DEV_ISSUER,
        aud: DEV_AUDIENCE,
        email: 'nat@ceg.example.nz',
        email_verified: true,
        exp: Math.floor(Date.now() / 1000) + 600,
      }),
    ).toString('base64url');

    // Act
    const response = await me(`${header}.${payload}.`);

    // Assess
    expect(response.status).toBe(401);
  });

  it('should refuse a tampered token', async () => {
    // Prepare
    const [header, payload, signature] = world.tokens.canterbury.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, email: 'nat@ceg.example.nz' })).toString(
      'base64url',
    );

    // Act
    const response = await me(`${header}.${forged}.${signature}`);

    // Assess
    expect(response.status).toBe(401);
    expect(response.body.detail).toContain('signature is not valid');
  });

  it('should refuse a token signed by a key it does not know', async () => {
    // Prepare
    const stranger = await DevIssuer.create();

    // Act
    const response = await me(await stranger.mint('nat@ceg.example.nz'));

    // Assess
    expect(response.status).toBe(401);
    expect(response.body.detail).toContain('key this API does not know');
  });

  it('should refuse a token signed with HS256 using the public key as secret', async () => {
    // Prepare
    const secret = new TextEncoder().encode(JSON.stringify(h.issuer.publicJwk));
    const token = await new SignJWT({ email: 'nat@ceg.example.nz', email_verified: true })
      .setProtectedHeader({ alg: 'HS256', kid: h.issuer.publicJwk.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setExpirationTime('1h')
      .sign(secret);

    // Act
    const response = await me(token);

    // Assess
    expect(response.status).toBe(401);
  });

  it('should tell a signed-in person outside the directory who can grant access', async () => {
    // Act
    const response = await me(await h.issuer.mint('stranger@example.org'));

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain(
      'not in the Partnership Records user directory. Ask a national administrator',
    );
  });
});

describe('machine clients: Cognito-style access tokens with scopes', () => {
  const MACHINE_ISSUER = 'https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_test';

  /** An authenticator trusting one machine issuer whose tokens are for the client `council-site`. */
  async function machineAuthenticator() {
    const keys = await DevIssuer.create();
    const auth = new Authenticator(
      [
        {
          kind: 'machine',
          issuer: MACHINE_ISSUER,
          audience: ['council-site'],
          jwks: { keys: [keys.publicJwk as Record<string, unknown>] },
        },
      ],
      h.directory,
    );
    await h.directory.put('client', 'council-site', { role: 'regional', regionIds: ['otago'] }, 'test');
    return { keys, auth };
  }

  it('should map a registered client to its role and regions, limited by its scopes', async () => {
    // Prepare
    const { keys, auth } = await machineAuthenticator();

    // Act
    const principal = await auth.authenticate(
      `Bearer ${await keys.mintMachine('council-site', { issuer: MACHINE_ISSUER, scope: 'records/read' })}`,
    );

    // Assess
    expect(principal).toMatchObject({
      kind: 'client',
      id: 'council-site',
      role: 'regional',
      regionIds: ['otago'],
    });
    expect([...principal.scopes!]).toEqual(['records/read']);
  });

  it('should refuse a machine token for another client, and an ID token for this one', async () => {
    // Prepare
    const { keys, auth } = await machineAuthenticator();
    const otherClient = await keys.mintMachine('other-client', { issuer: MACHINE_ISSUER });
    const idToken = await keys.mintMachine('council-site', { issuer: MACHINE_ISSUER, tokenUse: 'id' });

    // Act
    const forOtherClient = () => auth.authenticate(`Bearer ${otherClient}`);
    const asIdToken = () => auth.authenticate(`Bearer ${idToken}`);

    // Assess
    await expect(forOtherClient()).rejects.toThrow('issued for another application');
    await expect(asIdToken()).rejects.toThrow('issued for another application');
  });
});

describe('region scoping: a regional user cannot read or write another region', () => {
  const otagoNeed = () => ({
    councilId: 'dunedin-city',
    title: 'Sneaky',
    kind: 'need',
    identifiedOn: '2026-01-05',
    status: 'open',
  });

  it.each([
    ['by id', () => `/v1/needs/${dunedinNeedId}`],
    ['its history', () => `/v1/needs/${dunedinNeedId}/history`],
    ['the list by region', () => '/v1/needs?region=otago'],
    ['the list by council', () => '/v1/needs?council=dunedin-city'],
    ['the sync feed', () => '/v1/sync/needs?region=otago'],
  ])('should refuse reading %s', async (_case, path) => {
    // Act
    const response = await h.request('GET', path(), { token: world.tokens.canterbury });

    // Assess
    expect(response.status).toBe(403);
    expect(response.body.detail).toContain('Ask a national administrator');
  });

  it('should refuse writing by create, update and delete', async () => {
    // Prepare
    const token = world.tokens.canterbury;

    // Act
    const created = await h.request('POST', '/v1/needs', { token, body: otagoNeed() });
    const updated = await h.request('PUT', `/v1/needs/${dunedinNeedId}`, {
      token,
      body: otagoNeed(),
      headers: { 'if-match': '"1"' },
    });
    const deleted = await h.request('DELETE', `/v1/needs/${dunedinNeedId}`, {
      token,
      headers: { 'if-match': '"1"' },
    });

    // Assess
    expect(created.status).toBe(403);
    expect(updated.status).toBe(403);
    expect(deleted.status).toBe(403);
  });

  it('should refuse writing by batch push, row by row, without showing the stored record', async () => {
    // Act
    const push = await h.request('POST', '/v1/sync/needs', {
      token: world.tokens.canterbury,
      body: { rows: [{ id: dunedinNeedId, baseVersion: 1, values: otagoNeed() }, { values: otagoNeed() }] },
    });

    // Assess
    expect(push.body.rows.map((r: { status: string }) => r.status)).toEqual(['forbidden', 'forbidden']);
    expect(push.body.rows[0].current).toBeUndefined();
  });

  it('should refuse moving a record into another region', async () => {
    // Prepare
    const own = await post(h, world.tokens.canterbury, 'needs', {
      councilId: 'christchurch-city',
      title: 'Mine',
      kind: 'need',
      identifiedOn: '2026-01-05',
      status: 'open',
    });

    // Act
    const response = await h.request('PUT', `/v1/needs/${own.id}`, {
      token: world.tokens.canterbury,
      body: otagoNeed(),
      headers: { 'if-match': '"1"' },
    });

    // Assess
    expect(response.status).toBe(403);
  });

  it('should not tell a regional user whether a record exists in a region they cannot see', async () => {
    // Prepare: an Otago LEC group, and an action a Canterbury user points at it or at nothing.
    const otagoGroup = await post(h, world.tokens.otago, 'lec-groups', {
      regionId: 'otago',
      name: 'Otago LEC',
    });
    const action = (lecGroupId: string) => ({
      lecGroupId,
      title: 'Probe',
      owner: 'Someone',
      dueOn: '2026-12-01',
      status: 'open',
    });

    // Act
    const existing = await h.request('POST', '/v1/actions', {
      token: world.tokens.canterbury,
      body: action(otagoGroup.id),
    });
    const missing = await h.request('POST', '/v1/actions', {
      token: world.tokens.canterbury,
      body: action('no-such-group'),
    });
    const ownRegion = await h.request('POST', '/v1/events', {
      token: world.tokens.canterbury,
      body: {
        regionId: 'otago',
        lecGroupId: 'no-such-group',
        title: 'Elsewhere',
        heldOn: '2026-12-01',
        kind: 'training',
      },
    });

    // Assess: the same answer whether the group exists or not; a place named outright is refused first.
    expect(existing.status).toBe(422);
    expect(missing.status).toBe(422);
    const words = (r: typeof existing) =>
      r.body.errors.map((e: { message: string }) => e.message.replace(/"[^"]*"/, '"…"'));
    expect(words(existing)).toEqual(words(missing));
    expect(ownRegion.status).toBe(403);
  });

  it('should let everyone signed in read the shared reference data of every region', async () => {
    // Prepare
    const token = world.tokens.canterbury;

    // Act
    const dunedin = await h.request('GET', '/v1/councils/dunedin-city', { token });
    const all = await h.request('GET', '/v1/councils', { token });
    const otago = await h.request('GET', '/v1/regions/otago', { token: world.tokens.viewer });

    // Assess
    expect(dunedin.status).toBe(200);
    expect(all.body.items.map((c: { id: string }) => c.id).sort()).toEqual([
      'christchurch-city',
      'dunedin-city',
      'selwyn-district',
    ]);
    expect(otago.status).toBe(200);
  });

  it('should refuse a regional user changing the shared reference data', async () => {
    // Prepare
    const token = world.tokens.canterbury;
    const dunedin = await h.request('GET', '/v1/councils/dunedin-city', { token });

    // Act
    const change = await h.request('PATCH', '/v1/councils/dunedin-city', {
      token,
      body: { mayor: 'Someone' },
      headers: { 'if-match': `"${dunedin.body.version}"` },
    });

    // Assess
    expect(change.status).toBe(403);
  });

  it('should let national staff read every region, and viewers read', async () => {
    // Act
    const national = await h.request('GET', `/v1/needs/${dunedinNeedId}`, { token: world.tokens.national });
    const viewer = await h.request('GET', '/v1/needs', { token: world.tokens.viewer });

    // Assess
    expect(national.status).toBe(200);
    expect(viewer.status).toBe(200);
  });

  it('should refuse a viewer changing records', async () => {
    // Act
    const refused = await h.request('POST', '/v1/needs', {
      token: world.tokens.viewer,
      body: { ...otagoNeed(), councilId: 'christchurch-city' },
    });

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('viewers can read but not change records');
  });

  it('should refuse a regional user changing the directory', async () => {
    // Act
    const response = await h.request('PUT', '/v1/users/new.adviser@ceg.example.nz', {
      token: world.tokens.canterbury,
      body: { role: 'adviser', regionIds: ['otago'] },
    });

    // Assess
    expect(response.status).toBe(403);
  });

  it('should let national staff add a person, who then signs in with that role and region', async () => {
    // Act
    const added = await h.request('PUT', '/v1/users/New.Adviser@ceg.example.nz', {
      token: world.tokens.national,
      body: { role: 'adviser', regionIds: ['otago'] },
    });

    // Assess: the address is matched without regard to case; the person can work in Otago at once.
    expect(added.status).toBe(200);
    const token = await h.issuer.mint('new.adviser@ceg.example.nz');
    expect((await me(token)).body).toMatchObject({ role: 'adviser', regionIds: ['otago'] });
    expect((await h.request('POST', '/v1/needs', { token, body: otagoNeed() })).status).toBe(201);
  });

  it('should keep the adviser factory honest about regions', async () => {
    // Act
    const response = await h.request('POST', '/v1/advisers', {
      token: world.tokens.national,
      body: values.adviser('canterbury', ['dunedin-city'], 'Wiremu Cross'),
    });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toContain('Dunedin City is in another region (otago)');
  });
});
