import { describe, expect, it } from 'vitest';
import { InMemoryPreferenceStore, InMemorySentLog } from '../../../functions/reminders/in-memory.ts';
import type { OutgoingEmail } from '../../../functions/reminders/message.ts';
import type { Mailer } from '../../../functions/reminders/ports.ts';
import { BadPreferenceLinkError } from '../../../functions/reminders/preference-link-check.ts';
import { PreferenceLinks } from '../../../functions/reminders/preference-links.ts';
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
  const deps: ReminderDependencies = {
    source: { load: async () => world },
    preferences: new InMemoryPreferenceStore(),
    sentLog: new InMemorySentLog(),
    mailer,
    links: new PreferenceLinks(SECRET, 'http://localhost:3000/reminders/preferences'),
    recordBaseUrl: 'http://localhost:3000',
    now: () => new Date('2026-11-17T18:00:05Z'),
  };
  return { deps, mailer };
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
    const { deps, mailer } = setUp();

    // Act
    await sendReminders(deps, DAY);

    // Assess: the link's token is Mere's, and refused when tampered with or too old.
    const email = mailer.sent.find((e) => e.to === 'mere@lec-canterbury.example.nz')!;

    expect(email.subject).toBe('Partnership Records: 1 thing needs you today (Wednesday 18 November)');
    expect(email.text).toContain('http://localhost:3000/v1/actions/x');
    const token = new URL(email.preferencesUrl).searchParams.get('token')!;
    expect(await deps.links.verify(token, new Date('2026-11-18T00:00:00Z'))).toBe(
      'mere@lec-canterbury.example.nz',
    );
    await expect(deps.links.verify(`${token.slice(0, -3)}abc`)).rejects.toThrow(BadPreferenceLinkError);
    await expect(deps.links.verify(token, new Date('2027-01-30T00:00:00Z'))).rejects.toThrow(
      /more than 60 days old/,
    );
  });
});
