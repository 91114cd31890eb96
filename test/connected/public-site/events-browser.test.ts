import { AxeBuilder } from '@axe-core/playwright';
import ICAL from 'ical.js';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../../data/reference.ts';
import { SEED_PRINCIPAL } from '../../../data/seed-loader.ts';
import { addDays } from '../../../functions/aggregate/calendar.ts';
import { newZealandDate } from '../../../functions/domain/new-zealand-day.ts';
import { RecordService } from '../../../functions/domain/record-service.ts';
import { eventUid } from '../../../functions/events/calendar-feed.ts';
import { launchChromium } from '../../support/chromium.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

/** The public events as a member of the public meets them: a phone, JavaScript off, a calendar app. */
const PHONE = { width: 390, height: 844 };
const TODAY = newZealandDate();
const SECRET_NOTE = 'PRIVATE-EVENT-NOTE-4411';

let h: Harness;
let browser: Browser;
let noScript: BrowserContext;
let token: string;
const ids: Record<string, string> = {};

async function post(path: string, body: Record<string, unknown>) {
  const response = await h.request('POST', `/v1/${path}`, { token, body });
  if (response.status !== 201) throw new Error(`${path}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; version: number; values: Record<string, unknown> };
}

beforeAll(async () => {
  h = await startHarness({ publicSite: true });
  await loadReferenceData(new RecordService(h.store), SEED_PRINCIPAL);
  token = await h.signIn('national@ceg.example.nz', 'national');
  const event = (values: Record<string, unknown>) =>
    post('events', { regionId: 'west-coast', kind: 'roadshow', heldOn: addDays(TODAY, 10), ...values });
  ids.roadshow = (
    await event({
      title: 'Hokitika jobs roadshow',
      startsAt: '09:30',
      endsAt: '12:00',
      location: 'Hokitika Library',
      openToPublic: true,
      publicDescription: 'Meet local employers and training providers. Free, all welcome.',
      notes: SECRET_NOTE,
    })
  ).id;
  ids.expo = (
    await event({
      title: 'West Coast careers expo',
      kind: 'business-forum',
      heldOn: addDays(TODAY, 20),
      endsOn: addDays(TODAY, 21),
      openToPublic: true,
      publicDescription: 'Two days of stands and talks.',
    })
  ).id;
  ids.members = (await event({ title: 'Members-only planning day', notes: SECRET_NOTE })).id;
  ids.canterbury = (
    await event({
      regionId: 'canterbury',
      title: 'Christchurch sector group',
      kind: 'sector-group',
      openToPublic: true,
      publicDescription: 'Construction employers meet.',
    })
  ).id;
  browser = await launchChromium();
  noScript = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

describe('public events on the website, without JavaScript', () => {
  it('should list upcoming public events and narrow them to a region with the form', async () => {
    // Prepare
    const page = await noScript.newPage();
    await page.goto(`${h.baseUrl}/events`);
    const everywhere = await page.locator('ul.results h3').allTextContents();
    // Act
    await page.getByLabel('Region').selectOption('west-coast');
    await page.getByRole('button', { name: 'Show events' }).click();
    // Assess
    // All-day events come before timed ones on the same day.
    expect(everywhere).toEqual([
      'Christchurch sector group',
      'Hokitika jobs roadshow',
      'West Coast careers expo',
    ]);
    expect(await page.locator('ul.results h3').allTextContents()).toEqual([
      'Hokitika jobs roadshow',
      'West Coast careers expo',
    ]);
  });

  it('should show an event with its time, place and description, and an Add to calendar file', async () => {
    // Act
    const page = await noScript.newPage();
    await page.goto(`${h.baseUrl}/regions/west-coast`);
    await page.getByRole('link', { name: 'Hokitika jobs roadshow' }).click();
    const text = await page.locator('main').textContent();
    const ics = await fetch(
      `${h.baseUrl}${await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href')}`,
    );
    // Assess
    for (const words of ['09:30 to 12:00', 'Hokitika Library', 'Meet local employers'])
      expect(text).toContain(words);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(parse(await ics.text()).map((e) => [e.uid, e.summary])).toEqual([
      [eventUid(ids.roadshow!), 'Hokitika jobs roadshow'],
    ]);
  });

  it('should never show a members-only event or an internal note', async () => {
    // Act
    const pages = await Promise.all(
      [
        '/events',
        '/regions/west-coast',
        '/events.ics',
        '/regions/west-coast/events.ics',
        `/events/${ids.members}`,
      ].map(async (path) => [path, await fetch(`${h.baseUrl}${path}`)] as const),
    );
    // Assess
    for (const [path, response] of pages) {
      const body = await response.text();
      expect(body, path).not.toContain(SECRET_NOTE);
      expect(body, path).not.toContain('Members-only planning day');
    }
    expect(pages.at(-1)![1].status).toBe(404);
  });

  it('should have no axe-core violations on the events pages at phone width', async () => {
    // Prepare
    const context = await browser.newContext({ viewport: PHONE });
    const violations: string[] = [];
    // Act
    for (const path of [
      '/events',
      '/events?region=west-coast',
      `/events/${ids.roadshow}`,
      '/regions/west-coast',
    ]) {
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}${path}`);
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
        .analyze();
      violations.push(...result.violations.map((v) => `${path}: ${v.id} ${v.help}`));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) violations.push(`${path}: ${width}px wide`);
      await page.close();
    }
    await context.close();
    // Assess
    expect(violations).toEqual([]);
  }, 120_000);
});

describe('a region’s calendar feed, as a subscribed calendar reads it', () => {
  // One subscription's life: read, the event edited, read again, the event deleted, read again.
  it('should update the same event when it is edited, and keep it as cancelled when it is deleted', async () => {
    // Act 1: subscribe
    const first = await fetch(`${h.baseUrl}/regions/west-coast/events.ics`);
    const before = parse(await first.text());
    // Assess 1
    expect(first.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('public, max-age=900');
    expect(before.map((e) => e.summary)).toEqual(['Hokitika jobs roadshow', 'West Coast careers expo']);
    const roadshow = before[0]!;
    expect(roadshow.startDate.zone?.tzid).toBe('Pacific/Auckland');
    expect(before[1]!.startDate.isDate).toBe(true);

    // Act 2: staff move the roadshow to 10:00
    const current = await h.request('GET', `/v1/events/${ids.roadshow}`, { token });
    const edited = await h.request('PATCH', `/v1/events/${ids.roadshow}`, {
      token,
      body: { startsAt: '10:00' },
      headers: { 'if-match': current.headers.get('etag')!, 'content-type': 'application/merge-patch+json' },
    });
    const after = parse(await (await fetch(`${h.baseUrl}/regions/west-coast/events.ics`)).text());
    // Assess 2
    expect(edited.status).toBe(200);
    const moved = after.find((e) => e.uid === roadshow.uid)!;
    expect([moved.startDate.toString().slice(11), moved.sequence > roadshow.sequence]).toEqual([
      '10:00:00',
      true,
    ]);

    // Act 3: staff delete it
    const deleted = await h.request('DELETE', `/v1/events/${ids.roadshow}`, {
      token,
      headers: { 'if-match': edited.headers.get('etag')! },
    });
    const afterDelete = await fetch(`${h.baseUrl}/regions/west-coast/events.ics`);
    const gone = parse(await afterDelete.text()).find((e) => e.uid === roadshow.uid)!;
    // Assess 3
    expect(deleted.status).toBe(200);
    expect([gone.component.getFirstPropertyValue('status'), gone.sequence > moved.sequence]).toEqual([
      'CANCELLED',
      true,
    ]);
    expect((await fetch(`${h.baseUrl}/events/${ids.roadshow}`)).status).toBe(404);
  });

  it('should hold every region’s public events in the national feed, and only public ones', async () => {
    // Act
    const events = parse(await (await fetch(`${h.baseUrl}/events.ics`)).text());
    // Assess
    expect(events.map((e) => e.uid).sort()).toEqual(
      [ids.roadshow!, ids.expo!, ids.canterbury!].map(eventUid).sort(),
    );
  });
});
