import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, put, seedWorld } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/** An action's owner is a person the system can reach: checked against the directory and the region's records. */
let h: Harness;
let world: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  h = await startHarness();
  world = await seedWorld(h);
  const t = world.tokens.national;
  await put(h, t, 'lec-groups', 'lec-canterbury', {
    regionId: 'canterbury',
    name: 'Christchurch Jobs Network',
  });
  await put(h, t, 'organisations', 'org-1', {
    regionId: 'canterbury',
    name: 'Ōtautahi Works',
    sector: 'community',
    keyPlayer: true,
  });
  await post(h, t, 'memberships', {
    lecGroupId: 'lec-canterbury',
    organisationId: 'org-1',
    representative: 'Mere Tipene',
    representativeEmail: 'mere@otautahi.example.nz',
    seniorCommitment: true,
    inBusinessPlan: false,
  });
});
afterAll(() => h.close());

const action = (owner: Record<string, string>) => ({
  lecGroupId: 'lec-canterbury',
  title: 'Map youth services',
  dueOn: '2026-12-01',
  status: 'open',
  ...owner,
});

describe('action owners', () => {
  it.each([
    ['an adviser of the region', 'Aroha.Adviser@ceg.example.nz'],
    ['a staff member with the region', 'cant@ceg.example.nz'],
    ['national staff', 'nat@ceg.example.nz'],
    ["a member organisation's contact", 'mere@otautahi.example.nz'],
  ])('should accept %s as owner', async (_who, ownerEmail) => {
    // Act
    const response = await h.request('POST', '/v1/actions', {
      token: world.tokens.canterbury,
      body: action({ ownerEmail }),
    });

    // Assess
    expect(response.status).toBe(201);
    expect(response.body.values.ownerEmail).toBe(ownerEmail);
  });

  it('should keep an owner in words until someone picks the person', async () => {
    // Prepare
    const created = await post(
      h,
      world.tokens.canterbury,
      'actions',
      action({ owner: 'Mere at the council' }),
    );
    expect(created.values.owner).toBe('Mere at the council');

    // Act
    const picked = await h.request('PATCH', `/v1/actions/${created.id}`, {
      token: world.tokens.canterbury,
      body: { ownerEmail: 'mere@otautahi.example.nz' },
      headers: { 'if-match': `"${created.version}"` },
    });

    // Assess
    expect(picked.status).toBe(200);
    expect(picked.body.values).toMatchObject({
      owner: 'Mere at the council',
      ownerEmail: 'mere@otautahi.example.nz',
    });
  });

  it('should refuse an action without any owner, saying what to give', async () => {
    // Act
    const response = await h.request('POST', '/v1/actions', {
      token: world.tokens.canterbury,
      body: action({}),
    });

    // Assess
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ field: 'ownerEmail' });
    expect(response.body.errors[0].message).toContain('name who is responsible');
  });

  it('should refuse someone nobody knows', async () => {
    // Act
    const unknown = await h.request('POST', '/v1/actions', {
      token: world.tokens.canterbury,
      body: action({ ownerEmail: 'stranger@example.nz' }),
    });

    // Assess
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].message).toContain(
      'nobody with the email stranger@example.nz is known for region "canterbury"',
    );
  });

  it('should refuse someone who cannot see the region', async () => {
    // Act
    const otago = await h.request('POST', '/v1/actions', {
      token: world.tokens.canterbury,
      body: action({ ownerEmail: 'otago@ceg.example.nz' }),
    });

    // Assess
    expect(otago.status).toBe(422);
    expect(otago.body.errors[0].message).toContain('cannot see records of region "canterbury"');
  });

  it('should describe the owner as a person field in the type catalogue the add-on reads', async () => {
    // Act
    const types = await h.request('GET', '/v1/types');

    // Assess
    const actionType = types.body.items.find((t: { type: string }) => t.type === 'action');
    const field = actionType.fields.find((f: { name: string }) => f.name === 'ownerEmail');

    expect(field).toMatchObject({ kind: 'email', refType: 'person', required: false });
  });
});
