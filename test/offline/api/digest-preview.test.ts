import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../../functions/aggregate/calendar.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import type { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { post, put, seedWorld } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/**
 * GET /v1/digests/{groupId}/preview: CEG staff who may read the group's region see who the next
 * run sends to (and why not to the others) and what the first digest says; nobody else does, and
 * a refusal that depends only on who asks comes before the group is looked up.
 */
let h: Harness<MemoryRecordStore>;
let world: Awaited<ReturnType<typeof seedWorld>>;
const TODAY = newZealandDate();
const PREVIEW = '/v1/digests/lec-chch/preview';

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
  const national = world.tokens.national;
  await put(h, national, 'lec-groups', 'lec-chch', {
    regionId: 'canterbury',
    name: 'Christchurch Jobs Network',
    coordinatorName: 'Hine Walker',
    coordinatorEmail: 'hine@chch.example.nz',
  });
  for (const [id, name] of [
    ['org-1', 'Ōtautahi Works'],
    ['org-2', 'Hornby Trust'],
  ])
    await put(h, national, 'organisations', id!, {
      regionId: 'canterbury',
      name,
      sector: 'community',
      keyPlayer: true,
    });
  const member = (email: string, organisationId: string, consent: Record<string, unknown>) =>
    post(h, national, 'memberships', {
      lecGroupId: 'lec-chch',
      organisationId,
      representative: email.split('@')[0],
      representativeEmail: email,
      seniorCommitment: true,
      inBusinessPlan: false,
      ...consent,
    });
  await member('ana@example.nz', 'org-1', {
    digestConsentOn: addDays(TODAY, -30),
    digestConsentHow: 'email',
  });
  await member('ben@example.nz', 'org-2', {});
  await post(h, national, 'events', {
    regionId: 'canterbury',
    kind: 'business-forum',
    title: 'Employers forum',
    heldOn: addDays(TODAY, 7),
    openToPublic: true,
    publicDescription: 'All welcome.',
  });
});
afterEach(() => vi.restoreAllMocks());

/** Counts the store's reads from here on. */
function watchReads(store: MemoryRecordStore): () => number {
  const spies = (['get', 'getMany', 'list', 'pull', 'pages', 'history'] as const).map((method) =>
    vi.spyOn(store, method),
  );
  return () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0);
}

describe("the digest preview for staff of the group's region", () => {
  it.each([
    ['the regional team', 'canterbury'],
    ['national staff', 'national'],
    ['a viewer of the region', 'viewer'],
  ] as const)('should show %s who gets the next digest and why the others do not', async (_who, key) => {
    // Act
    const response = await h.request('GET', PREVIEW, { token: world.tokens[key] });

    // Assess
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      groupId: 'lec-chch',
      groupName: 'Christchurch Jobs Network',
      authoriser: { name: 'Hine Walker', email: 'hine@chch.example.nz' },
      recipients: [
        { email: 'ana@example.nz', decision: 'send', newItems: 1 },
        { email: 'ben@example.nz', decision: 'no-consent' },
      ],
    });
    expect(response.body.period.start <= TODAY && TODAY <= response.body.period.end).toBe(true);
  });

  it("should show the first digest's text and HTML, with placeholders for the member's own links", async () => {
    // Act
    const { body } = await h.request('GET', PREVIEW, { token: world.tokens.canterbury });

    // Assess
    expect(body.sample.to).toBe('ana@example.nz');
    expect(body.sample.subject).toContain('Christchurch Jobs Network');
    for (const part of [body.sample.text, body.sample.html]) {
      expect(part).toContain('Employers forum');
      expect(part).toContain('https://example.invalid/your-own-signed-link');
      expect(part).not.toMatch(/token=/);
    }
  });

  it('should send nothing and claim nothing: the run after a preview still sends', async () => {
    // Act
    await h.request('GET', PREVIEW, { token: world.tokens.canterbury });
    const last = await h.digest!.sentLog.lastDigests([{ groupId: 'lec-chch', email: 'ana@example.nz' }]);
    const again = await h.request('GET', PREVIEW, { token: world.tokens.canterbury });

    // Assess
    expect(last.size).toBe(0);
    expect(again.body.recipients[0].decision).toBe('send');
  });
});

describe('what the digest preview refuses', () => {
  it("should refuse the regional team of another region the group's members", async () => {
    // Act
    const response = await h.request('GET', PREVIEW, { token: world.tokens.otago });

    // Assess
    expect(response.status).toBe(403);
    expect(JSON.stringify(response.body)).not.toContain('ana@example.nz');
  });

  it.each([
    ['the MTFJ Executive Officer', 'mtfj'],
    ["a mayor's office of the region", 'mayor'],
  ] as const)('should refuse %s (the digest is sent for CEG), before anything is read', async (_who, key) => {
    // Prepare
    const reads = watchReads(h.store);

    // Act
    const known = await h.request('GET', PREVIEW, { token: world.tokens[key] });
    const unknown = await h.request('GET', '/v1/digests/no-such-group/preview', { token: world.tokens[key] });

    // Assess
    expect([known.status, unknown.status]).toEqual([403, 403]);
    expect(known.body.detail).toContain('for CEG staff');
    expect(reads()).toBe(0);
  });

  it('should refuse a request without a token', async () => {
    // Act
    const response = await h.request('GET', PREVIEW);

    // Assess
    expect(response.status).toBe(401);
  });

  it('should tell staff when there is no such group', async () => {
    // Act
    const response = await h.request('GET', '/v1/digests/no-such-group/preview', {
      token: world.tokens.national,
    });

    // Assess
    expect(response.status).toBe(404);
    expect(response.body.detail).toBe('There is no LEC group "no-such-group".');
  });

  it('should say what a group id looks like when the path holds something else', async () => {
    // Act
    const response = await h.request('GET', '/v1/digests/%20drop%20table/preview', {
      token: world.tokens.national,
    });

    // Assess
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('expected the id of an LEC group');
  });

  it('should take no query parameters', async () => {
    // Act
    const response = await h.request('GET', `${PREVIEW}?day=2030-01-01`, { token: world.tokens.national });

    // Assess
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('day');
  });
});
