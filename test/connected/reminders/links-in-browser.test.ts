import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_DIR } from '../../../dashboard/build.ts';
import { SignedLinks } from '../../../functions/links/signed-links.ts';
import { SitePages } from '../../../functions/links/site-pages.ts';
import { SmtpMailer } from '../../../functions/mail/smtp-mailer.ts';
import { type ReminderDependencies, sendReminders } from '../../../functions/reminders/send-reminders.ts';
import type { RecordStore } from '../../../functions/store/record-store.ts';
import { StoreReminderSource } from '../../../functions/store/reminder-source.ts';
import { DynamoSentLog } from '../../../functions/store/sent-log.ts';
import { dashboardExtension } from '../../../local/dashboard-extension.ts';
import { type LocalInbox, startLocalInbox } from '../../../local/mail-inbox.ts';
import { buildPartnerPages } from '../../../partner-pages/build.ts';
import { launchChromium } from '../../support/chromium.ts';
import { post, put, seedWorld, values } from '../../support/factories.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/**
 * Links that land, in Chromium: the reminders go out through a real SMTP server, the emails are
 * read back from its inbox, and every link in them is followed as its recipient would (signed in
 * when they have an account); the owner of an action marks it done from the email without one,
 * and the old page sent again is told of the conflict. The record, council and action pages have
 * no axe-core violations at phone width (390 px) and on a desktop.
 */
let h: Harness<RecordStore>;
let inbox: LocalInbox;
let mailer: SmtpMailer;
let browser: Browser;
let distDir: string;
let world: Awaited<ReturnType<typeof seedWorld>>;
const DAY = '2026-11-18';
const MERE = 'mere@otautahi.example.nz';
const PATIENT = { timeout: 20_000, interval: 100 };

beforeAll(async () => {
  distDir = await mkdtemp(path.join(tmpdir(), 'links-pages-'));
  await buildPartnerPages(path.join(distDir, 'partners'), { minify: false });
  await copyFile(path.join(DASHBOARD_DIR, 'styles.css'), path.join(distDir, 'styles.css'));
  [h, inbox] = await Promise.all([
    startHarness({ extend: dashboardExtension({ distDir, snapshotDir: distDir, devPeople: () => [] }) }),
    startLocalInbox({ smtpPort: 0, webPort: 0 }),
  ]);
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
    representativeEmail: MERE,
    seniorCommitment: true,
    inBusinessPlan: false,
  });
  await put(h, t, 'actions', 'invite-iwi', {
    lecGroupId: 'lec-canterbury',
    title: 'Invite employers and iwi',
    ownerEmail: MERE,
    dueOn: '2026-11-01',
    status: 'open',
  });
  await put(h, t, 'actions', 'map-services', {
    lecGroupId: 'lec-canterbury',
    title: 'Map youth services',
    ownerEmail: 'cant@ceg.example.nz',
    dueOn: '2026-11-20',
    status: 'open',
  });
  await put(
    h,
    t,
    'agreements',
    'agreement-draft',
    values.agreement('christchurch-city', world.adviserId, 'draft'),
  );
  await h.request('POST', '/v1/agreements/agreement-draft/sign-offs/request', {
    token: t,
    body: { party: 'taskforce' },
  });
  mailer = new SmtpMailer({
    host: inbox.smtpHost,
    port: inbox.smtpPort,
    from: 'Partnership Records <r@example.nz>',
  });
  const deps: ReminderDependencies = {
    source: new StoreReminderSource(h.store, h.directory),
    preferences: h.preferences!,
    sentLog: new DynamoSentLog(h.store.client, h.tableName!),
    mailer,
    pages: new SitePages({
      siteUrl: `${h.baseUrl}/dashboard`,
      linkPagesUrl: h.baseUrl,
      links: new SignedLinks(h.linkSecret!),
    }),
  };
  const sent = await sendReminders(deps, DAY);
  expect(sent.failed).toEqual([]);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  mailer?.close();
  await browser?.close();
  await Promise.all([h?.close(), inbox?.stop()]);
  await rm(distDir, { recursive: true, force: true });
});

async function inboxMessages(): Promise<ParsedMail[]> {
  const list = (await (await fetch(`${inbox.inboxUrl}/api/email`)).json()) as { id: string }[];
  return Promise.all(
    list.map(async (entry) => {
      const raw = await fetch(`${inbox.inboxUrl}/api/email/${entry.id}/download`);
      return simpleParser(Buffer.from(await raw.arrayBuffer()));
    }),
  );
}
const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address!;
const linksOf = (mail: ParsedMail) => [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);

/** A page signed in (in this tab's session storage, as the sign-in panel does) as a person, or not. */
async function pageAs(token: string | undefined, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: width < 500 });
  if (token) {
    await context.addInitScript((t) => sessionStorage.setItem('partnership-records:dev-token', t), token);
  }
  return context.newPage();
}

async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

describe('every link of every email lands on a readable page', { timeout: 240_000 }, () => {
  it('should open each link as its recipient, showing the record to whoever may read it', async () => {
    // Prepare
    const mails = await inboxMessages();
    expect(mails.length).toBeGreaterThanOrEqual(3);

    for (const mail of mails) {
      const to = recipient(mail);
      const user = await h.directory.find('user', to);
      const token = user ? await h.issuer.mint(to) : undefined;
      for (const link of linksOf(mail)) {
        // Act
        const page = await pageAs(token, 390);
        const response = await page.goto(link);

        // Assess: a page (never the API), with a heading that names what it is about.
        expect(response!.headers()['content-type'], link).toMatch(/text\/html/);
        expect(new URL(page.url()).pathname.startsWith('/v1/'), link).toBe(false);
        const heading = page.locator('main h1').first();
        await expect
          .poll(() => heading.innerText().catch(() => 'Loading…'), PATIENT)
          .not.toMatch(/^(Loading…|Record)$/);
        if (token && link.includes('/records/')) {
          expect(await heading.innerText(), link).not.toMatch(/Outside your access|Not found/);
        }
        await page.context().close();
      }
    }
  });
});

describe('a record link opened by someone the directory does not know', { timeout: 240_000 }, () => {
  it('should say they are signed in but not in the directory, whom to ask, and offer the sign-in again', async () => {
    // Prepare: a Google account of the right organisation that nobody has added yet.
    const stranger = await h.issuer.mint('new.adviser@ceg.example.nz');
    const page = await pageAs(stranger, 390);

    // Act
    await page.goto(`${h.baseUrl}/dashboard/records/agreements/agreement-draft`);

    // Assess: the reason in words and the way on, and nothing of the record.
    await expect
      .poll(() => page.locator('body').innerText(), PATIENT)
      .toMatch(
        /new\.adviser@ceg\.example\.nz is signed in but not in the Partnership Records user directory\. Ask .+ to add you/,
      );
    expect(await page.locator('main').innerText()).toContain('Sign in to see this page');
    expect(await page.locator('main').innerText()).not.toContain('History');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the pages, at phone width and on a desktop', { timeout: 240_000 }, () => {
  it.each([390, 1280])(
    'should have no axe-core violations on the record, council and action pages at %i px',
    async (width) => {
      // Prepare
      const links = new SignedLinks(h.linkSecret!);
      const actionUrl = `${h.baseUrl}/links/actions/map-services?token=${await links.actionToken('cant@ceg.example.nz', 'map-services')}`;
      const page = await pageAs(world.tokens.mayor, width);

      // Act: the agreement's record page.
      await page.goto(`${h.baseUrl}/dashboard/records/agreements/agreement-draft`);
      await page.getByRole('heading', { name: /^History \(\d+ version/ }).waitFor(PATIENT);

      // Assess
      expect(await page.getByRole('heading', { name: 'Sign-offs' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // Act: the council page.
      await page.goto(`${h.baseUrl}/dashboard/councils/christchurch-city`);
      await page.getByRole('heading', { name: 'Christchurch City: the partnership' }).waitFor(PATIENT);

      // Assess
      expect(await page.locator('main').innerText()).toContain('MTFJ Christchurch');
      expect(await axeViolations(page)).toEqual([]);

      // Act: an owner's action page.
      await page.goto(actionUrl);

      // Assess
      expect(await page.locator('h1').innerText()).toBe('Map youth services');
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    },
  );
});

describe('an LEC member marks their action done from the email, without an account', {
  timeout: 240_000,
}, () => {
  // One visit, step by step: each step builds on the one before.
  it('should save it through the records, name the owner in the history, and refuse the old page', async () => {
    // Prepare
    const mail = (await inboxMessages()).find((m) => recipient(m) === MERE)!;
    const link = linksOf(mail).find((l) => l.includes('/links/actions/invite-iwi'))!;
    const page = await pageAs(undefined, 390);
    const stale = await pageAs(undefined, 390);

    // Act: follow the link (twice: one tab will be left behind), choose Done, write a note, save.
    await page.goto(link);
    await stale.goto(link);
    await page.getByLabel('Done').check();
    await page
      .getByLabel('Progress note (optional)')
      .fill('Invitations sent to eight employers and the rūnanga');
    await page.getByRole('button', { name: 'Save' }).click();

    // Assess
    await expect
      .poll(() => page.locator('[role=status]').innerText(), PATIENT)
      .toContain('Saved: the action is done');
    const history = await h.request('GET', '/v1/actions/invite-iwi/history', {
      token: world.tokens.national,
    });
    expect(history.body.items.at(-1)).toMatchObject({ by: `${MERE} (by emailed link)` });
    expect((await h.store.get('action', 'invite-iwi'))!.values.status).toBe('done');

    // Act: the tab opened before the save sends its form.
    await stale.getByLabel('In progress').check();
    await stale.getByRole('button', { name: 'Save' }).click();

    // Assess: the conflict in words, and nothing overwritten.
    await expect
      .poll(() => stale.locator('[role=alert]').innerText(), PATIENT)
      .toContain('Not saved: this action was changed by');
    expect((await h.store.get('action', 'invite-iwi'))!.values.status).toBe('done');
    await page.context().close();
    await stale.context().close();
  });
});
