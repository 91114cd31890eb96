import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../functions/aggregate/calendar.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { post, put } from '../../support/factories.ts';
import { type AddonWorld, startAddonWorld } from './addon-world.ts';

/**
 * "Preview LEC digest…" in the add-on: staff type a group's name (as the Lists tab has it) or id
 * and see, in a dialog, who the next digest run sends to, why not the others, and the first
 * digest's text, from the real API; nothing is sent. Google's dialog is the fake's guess
 * (docs/sheets-addon.md).
 */
let w: AddonWorld;
const TODAY = newZealandDate();

beforeAll(async () => {
  w = await startAddonWorld();
  const national = w.seeded.tokens.national;
  const group = (id: string, regionId: string, name: string) =>
    put(w.api, national, 'lec-groups', id, {
      regionId,
      name,
      coordinatorName: 'Hine Walker',
      coordinatorEmail: `hine@${id}.example.nz`,
    });
  await group('lec-chch', 'canterbury', 'Christchurch Jobs Network');
  await group('lec-dunedin', 'otago', 'Dunedin Jobs Network');
  for (const [id, name] of [
    ['org-1', 'Ōtautahi Works'],
    ['org-2', 'Hornby Trust'],
  ] as const)
    await put(w.api, national, 'organisations', id, {
      regionId: 'canterbury',
      name,
      sector: 'community',
      keyPlayer: true,
    });
  const member = (organisationId: string, email: string, consent: Record<string, unknown>) =>
    post(w.api, national, 'memberships', {
      lecGroupId: 'lec-chch',
      organisationId,
      representative: email.split('@')[0],
      representativeEmail: email,
      seniorCommitment: true,
      inBusinessPlan: false,
      ...consent,
    });
  await member('org-1', 'ana@example.nz', { digestConsentOn: addDays(TODAY, -30), digestConsentHow: 'form' });
  await member('org-2', 'ben@example.nz', {});
  await post(w.api, national, 'events', {
    regionId: 'canterbury',
    kind: 'business-forum',
    title: 'Employers <forum> & breakfast',
    heldOn: addDays(TODAY, 7),
    openToPublic: true,
    publicDescription: 'All welcome.',
  });
}, 120_000);
afterAll(() => w?.close());

/** A Canterbury spreadsheet with the memberships' tab, so the Lists tab names the LEC groups. */
function canterburySheet() {
  const session = w.open('canterbury');
  w.configure(session, ['membership']);
  return session;
}

describe('Preview LEC digest…', () => {
  it("should show who gets the group's next digest, why the other does not, and what it says", () => {
    // Prepare
    const session = canterburySheet();
    session.ui.prompts.push('christchurch jobs network');

    // Act
    session.call('menuDigestPreview');

    // Assess
    const [dialog] = session.ui.dialogs;
    expect(dialog?.title).toBe('Next digest of Christchurch Jobs Network');
    for (const words of [
      'This is a preview: nothing has been sent.',
      'Sent on behalf of Hine Walker, co-ordinator of Christchurch Jobs Network',
      'ana@example.nz',
      'Gets it (1 new thing)',
      'ben@example.nz',
      'Not sent: no consent recorded',
      'What ana@example.nz would read',
    ])
      expect(dialog!.content, words).toContain(words);
    expect([dialog!.width, dialog!.height]).toEqual([720, 560]);
  });

  it("should show the sample as escaped text, so nothing in a record's words runs in the dialog", () => {
    // Prepare
    const session = canterburySheet();
    session.ui.prompts.push('lec-chch');

    // Act
    session.call('menuDigestPreview');

    // Assess
    const content = session.ui.dialogs[0]!.content;
    expect(content).toContain('Employers &lt;forum&gt; &amp; breakfast');
    expect(content).not.toContain('<forum>');
    expect(content).not.toMatch(/<script|<iframe/i);
  });

  it("should pass on the API's refusal of another region's group, and show no dialog", () => {
    // Prepare
    const session = canterburySheet();
    session.ui.prompts.push('lec-dunedin');

    // Act
    session.call('menuDigestPreview');

    // Assess
    expect(session.ui.dialogs).toEqual([]);
    expect(session.ui.alerts.at(-1)).toMatch(/^The API refused this: /);
  });

  it('should say how to name the group when the name is on no list, before asking the API', () => {
    // Prepare
    const session = canterburySheet();
    const sent = session.fetch.sent.length;
    session.ui.prompts.push('The Jobs Network');

    // Act
    session.call('menuDigestPreview');

    // Assess
    expect(session.ui.dialogs).toEqual([]);
    expect(session.ui.alerts.at(-1)).toContain(
      'The LEC group: "The Jobs Network" is neither the id nor the name of a LEC group on the Lists tab',
    );
    expect(session.fetch.sent.length).toBe(sent);
  });

  it('should do nothing when the person cancels', () => {
    // Prepare
    const session = canterburySheet();
    session.ui.answer = 'CANCEL';

    // Act
    session.call('menuDigestPreview');

    // Assess
    expect(session.ui.dialogs).toEqual([]);
    expect(session.ui.alerts).toHaveLength(1);
  });
});
