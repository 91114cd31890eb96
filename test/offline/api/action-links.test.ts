import { beforeAll, describe, expect, it } from 'vitest';
import { SignedLinks } from '../../../functions/links/signed-links.ts';
import { actionLinkPath } from '../../../functions/links/site-paths.ts';
import type { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { post, put, seedWorld } from '../../support/factories.ts';
import { type Harness, startOfflineHarness } from '../../support/harness.ts';

/**
 * The owner's page of one action, opened from the signed link in a reminder by someone with no
 * account: what it shows, what it changes (through the records' write path), and what it refuses.
 */
let h: Harness<MemoryRecordStore>;
let links: SignedLinks;
let world: Awaited<ReturnType<typeof seedWorld>>;
const MERE = 'mere@otautahi.example.nz';

beforeAll(async () => {
  h = await startOfflineHarness();
  world = await seedWorld(h);
  links = new SignedLinks(h.linkSecret!);
  const t = world.tokens.national;
  await put(h, t, 'lec-groups', 'lec-canterbury', {
    regionId: 'canterbury',
    name: 'Christchurch Jobs Network',
    coordinatorName: 'Hemi Walker',
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
    representativeEmail: MERE,
    seniorCommitment: true,
    inBusinessPlan: false,
  });
  for (const [id, title, ownerEmail] of [
    ['map-services', 'Map youth services', MERE],
    ['invite-iwi', 'Invite <employers> & iwi', MERE],
    ['secret-plan', 'Plan the budget', 'cant@ceg.example.nz'],
    ['to-move', 'Book the hall', MERE],
    ['to-delete', 'Print flyers', MERE],
  ] as const) {
    await put(h, t, 'actions', id, {
      lecGroupId: 'lec-canterbury',
      title,
      ownerEmail,
      dueOn: '2026-11-20',
      status: 'open',
    });
  }
});

async function linkTo(actionId: string, email = MERE, now = new Date()) {
  return `${actionLinkPath(actionId)}?token=${await links.actionToken(email, actionId, now)}`;
}

function form(fields: Record<string, string>) {
  return {
    rawBody: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

const current = async (id: string) => (await h.store.get('action', id))!;

describe('the owner opens their action from the emailed link', () => {
  it('should show the action, its group and due date, with a form that needs no script', async () => {
    // Act
    const page = await h.request('GET', await linkTo('invite-iwi'));

    // Assess
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1>Invite &lt;employers&gt; &amp; iwi</h1>');
    expect(page.body).toContain('Christchurch Jobs Network');
    expect(page.body).toContain('20 November 2026');
    expect(page.body).toMatch(/<form class="update" method="post"/);
    expect(page.body).not.toContain('<script');
    expect(page.body).toContain('noindex');
  });

  it('should send no Referer onwards and allow no scripts, since the address holds the token', async () => {
    // Act
    const page = await h.request('GET', await linkTo('map-services'));

    // Assess
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('should refuse the link for another action when the address is edited, showing nothing of it', async () => {
    // Prepare
    const token = new URL(await linkTo('map-services'), 'http://x').searchParams.get('token')!;

    // Act
    const page = await h.request('GET', `${actionLinkPath('secret-plan')}?token=${token}`);

    // Assess
    expect(page.status).toBe(400);
    expect(page.body).toContain('made for another action');
    expect(page.body).not.toContain('Plan the budget');
  });

  it.each([
    [
      'an expired link',
      async () => linkTo('map-services', MERE, new Date(Date.now() - 31 * 86_400_000)),
      410,
      'more than 30 days old',
    ],
    ['an altered token', async () => `${await linkTo('map-services')}x`, 400, 'not valid'],
    [
      'a settings token',
      async () => `${actionLinkPath('map-services')}?token=${await links.settingsToken(MERE, 'reminders')}`,
      400,
      'not a link to an action',
    ],
    ['no token', async () => actionLinkPath('map-services'), 400, 'missing its token'],
  ])('should refuse %s with a page that says what to do', async (_what, address, status, words) => {
    // Act
    const page = await h.request('GET', await address());

    // Assess
    expect(page.status).toBe(status);
    expect(page.body).toContain(words);
    expect(page.body).not.toContain('Map youth services');
  });

  it('should say in words when the person no longer owns the action', async () => {
    // Prepare
    const link = await linkTo('to-move');
    const action = await current('to-move');
    await h.request('PUT', '/v1/actions/to-move', {
      token: world.tokens.national,
      headers: { 'if-match': `"${action.version}"` },
      body: { ...action.values, ownerEmail: 'cant@ceg.example.nz' },
    });

    // Act
    const page = await h.request('GET', link);

    // Assess
    expect(page.status).toBe(403);
    expect(page.body).toContain('This action is no longer yours');
    expect(page.body).toContain('Hemi Walker, the co-ordinator of Christchurch Jobs Network');
    expect(page.body).not.toContain('cant@ceg.example.nz');
  });

  it('should say in words when the action was removed', async () => {
    // Prepare
    const link = await linkTo('to-delete');
    const action = await current('to-delete');
    await h.request('DELETE', '/v1/actions/to-delete', {
      token: world.tokens.national,
      headers: { 'if-match': `"${action.version}"` },
    });

    // Act
    const page = await h.request('GET', link);

    // Assess
    expect(page.status).toBe(410);
    expect(page.body).toContain('no longer in Partnership Records');
  });
});

describe('the owner updates their action from the page', () => {
  // One visit through its steps: save from the page, then the same (now stale) page saves again.
  it('should save through the records, naming the person by emailed link, and explain a stale page', async () => {
    // Prepare
    const link = await linkTo('map-services');
    const shown = await current('map-services');

    // Act: mark it done with a note, as the page's form posts it.
    const saved = await h.request(
      'POST',
      link,
      form({ status: 'done', note: 'Met the youth hub; list sent', version: String(shown.version) }),
    );

    // Assess
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('Saved: the action is done, with your note.');
    const after = await current('map-services');
    expect(after.version).toBe(shown.version + 1);
    expect(after.values).toMatchObject({ status: 'done', ownerEmail: MERE, title: 'Map youth services' });
    expect(after.values.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after.values.notes).toMatch(
      /^\d{4}-\d{2}-\d{2} mere@otautahi\.example\.nz: Met the youth hub; list sent$/,
    );
    const history = await h.request('GET', '/v1/actions/map-services/history', {
      token: world.tokens.national,
    });
    expect(history.body.items.at(-1)).toMatchObject({
      version: after.version,
      by: 'mere@otautahi.example.nz (by emailed link)',
    });
    expect(
      history.body.items
        .at(-1)
        .changes.map((c: { field: string }) => c.field)
        .sort(),
    ).toEqual(['completedOn', 'notes', 'status']);

    // Act: the old page (still showing the first version) is sent again.
    const stale = await h.request(
      'POST',
      link,
      form({ status: 'in-progress', note: 'Second thoughts', version: String(shown.version) }),
    );

    // Assess: nothing overwritten, the conflict explained, the note kept for sending again.
    expect(stale.status).toBe(409);
    expect(stale.body).toContain(
      'Not saved: this action was changed by mere@otautahi.example.nz (by emailed link)',
    );
    expect(stale.body).toContain('>Second thoughts</textarea>');
    expect((await current('map-services')).version).toBe(after.version);
    expect((await current('map-services')).values.status).toBe('done');
  });

  it('should refuse a status the owner cannot set, changing nothing', async () => {
    // Prepare
    const before = await current('invite-iwi');

    // Act
    const refused = await h.request(
      'POST',
      await linkTo('invite-iwi'),
      form({ status: 'cancelled', version: String(before.version) }),
    );

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Choose In progress or Done.');
    expect((await current('invite-iwi')).version).toBe(before.version);
  });

  it('should refuse a POST for another action than the link names', async () => {
    // Prepare
    const token = new URL(await linkTo('invite-iwi'), 'http://x').searchParams.get('token')!;
    const before = await current('secret-plan');

    // Act
    const refused = await h.request(
      'POST',
      `${actionLinkPath('secret-plan')}?token=${token}`,
      form({ status: 'done', version: String(before.version) }),
    );

    // Assess
    expect(refused.status).toBe(400);
    expect((await current('secret-plan')).version).toBe(before.version);
  });
});
