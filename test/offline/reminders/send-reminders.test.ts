import { describe, expect, it } from 'vitest';
import { BadLinkError } from '../../../functions/links/signed-link-check.ts';
import { SignedLinks } from '../../../functions/links/signed-links.ts';
import { SitePages } from '../../../functions/links/site-pages.ts';
import type { Mailer, OutgoingEmail } from '../../../functions/mail/outgoing-email.ts';
import { InMemoryPreferenceStore, InMemorySentLog } from '../../../functions/reminders/in-memory.ts';
import { type ReminderDependencies, sendReminders } from '../../../functions/reminders/send-reminders.ts';
import { action, agreement, reminderWorld } from './reminder-world.ts';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const DAY = '2026-11-18';

class RecordingMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  failFor = new Set<string>();
  async send(email: OutgoingEmail) {
    if (this.failFor.has(email.to)) throw new Error('Throttling: maximum sending rate exceeded');
    this.sent.push(email);
    return { messageId: `m-${this.sent.length}` };
  }
}

function setUp() {
  const world = reminderWorld({
    actions: [
      action('x', 'canterbury', { ownerEmail: 'mere@lec-canterbury.example.nz', dueOn: '2026-11-20' }),
    ],
    agreements: [agreement('r', 'aroha', { reviewBy: '2026-11-30' })],
  });
  const mailer = new RecordingMailer();
  const links = new SignedLinks(SECRET);
  const deps: ReminderDependencies = {
    source: { load: async () => world },
    preferences: new InMemoryPreferenceStore(),
    sentLog: new InMemorySentLog(),
    mailer,
    pages: new SitePages({
      siteUrl: 'https://partners.example.nz',
      linkPagesUrl: 'https://api.example.nz',
      links,
    }),
    now: () => new Date('2026-11-17T18:00:05Z'),
  };
  return { deps, mailer, links };
}

describe('sending reminders (offline)', () => {
  it('should send each person one email a day however often the job runs', async () => {
    // Prepare
    const { deps, mailer } = setUp();

    // Act
    const first = await sendReminders(deps, DAY);
    const second = await sendReminders(deps, DAY);

    // Assess
    expect(first).toMatchObject({ planned: 2, sent: 2, alreadySent: 0, failed: [] });
    expect(second).toMatchObject({ planned: 2, sent: 0, alreadySent: 2, failed: [] });
    expect(mailer.sent.map((e) => e.to).sort()).toEqual([
      'aroha@ceg.example.nz',
      'mere@lec-canterbury.example.nz',
    ]);
    expect(await deps.sentLog.sentItems('mere@lec-canterbury.example.nz', DAY)).toEqual(['action:x']);
  });

  it('should give the day back when the transport refuses, so the retry sends it once', async () => {
    // Prepare
    const { deps, mailer } = setUp();
    mailer.failFor.add('aroha@ceg.example.nz');

    // Act
    const first = await sendReminders(deps, DAY);

    // Assess
    expect(first.sent).toBe(1);
    expect(first.failed).toEqual([
      { email: 'aroha@ceg.example.nz', reason: 'Throttling: maximum sending rate exceeded' },
    ]);

    // Prepare: the transport recovers.
    mailer.failFor.clear();

    // Act
    const retry = await sendReminders(deps, DAY);

    // Assess
    expect(retry).toMatchObject({ sent: 1, alreadySent: 1, failed: [] });
    expect(mailer.sent.filter((e) => e.to === 'aroha@ceg.example.nz')).toHaveLength(1);
  });

  it('should honour a person who turned a kind off', async () => {
    // Prepare
    const { deps, mailer } = setUp();
    await deps.preferences.update('Aroha@ceg.example.nz', { 'agreement-reviews': 'off' }, 'test');

    // Act
    const summary = await sendReminders(deps, DAY);

    // Assess
    expect(summary.sent).toBe(1);
    expect(mailer.sent.map((e) => e.to)).toEqual(['mere@lec-canterbury.example.nz']);
  });

  it('should link every email to a settings page through a signed token for that person only', async () => {
    // Prepare
    const { deps, mailer, links } = setUp();

    // Act
    await sendReminders(deps, DAY);

    // Assess: the link's token is Mere's, and refused when tampered with or too old.
    const email = mailer.sent.find((e) => e.to === 'mere@lec-canterbury.example.nz')!;

    expect(email.subject).toBe('Partnership Records: 1 thing needs you today (Wednesday 18 November)');
    expect(email.settingsUrl).toMatch(/^https:\/\/api\.example\.nz\/reminders\/preferences\?token=/);
    const token = new URL(email.settingsUrl).searchParams.get('token')!;
    expect(await links.verifySettings(token, new Date('2026-11-18T00:00:00Z'))).toEqual({
      email: 'mere@lec-canterbury.example.nz',
      kind: 'reminders',
    });
    await expect(links.verifySettings(`${token.slice(0, -3)}abc`)).rejects.toThrow(BadLinkError);
    await expect(links.verifySettings(token, new Date('2027-01-30T00:00:00Z'))).rejects.toThrow(
      /more than 60 days old/,
    );
  });

  it("should link each item to a page, never to the API, and the action to its owner's signed page", async () => {
    // Prepare
    const { deps, mailer, links } = setUp();

    // Act
    await sendReminders(deps, DAY);

    // Assess
    const mere = mailer.sent.find((e) => e.to === 'mere@lec-canterbury.example.nz')!;
    const aroha = mailer.sent.find((e) => e.to === 'aroha@ceg.example.nz')!;
    const urls = (e: OutgoingEmail) => [...e.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    expect([...urls(mere), ...urls(aroha)].filter((u) => new URL(u).pathname.startsWith('/v1/'))).toEqual([]);
    expect(urls(aroha)).toContain('https://partners.example.nz/records/agreements/r');
    const actionUrl = new URL(urls(mere).find((u) => u.includes('/links/actions/'))!);
    expect(actionUrl.pathname).toBe('/links/actions/x');
    expect(
      await links.verifyAction(actionUrl.searchParams.get('token')!, new Date('2026-11-18T00:00:00Z')),
    ).toEqual({
      email: 'mere@lec-canterbury.example.nz',
      actionId: 'x',
    });
  });

  it('should give the HTML part a title and send the settings page as its one-click unsubscribe', async () => {
    // Prepare
    const { deps, mailer } = setUp();

    // Act
    await sendReminders(deps, DAY);

    // Assess
    const [email] = mailer.sent;
    expect(email!.html).toContain(`<title>${email!.subject}</title>`);
    expect(email!.kind).toBe('reminders');
    expect(email!.html).toContain(email!.settingsUrl.replaceAll('&', '&amp;'));
  });
});
