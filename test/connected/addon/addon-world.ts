import { inject } from 'vitest';
import {
  AddonSession,
  buildForTest,
  newDocument,
  Person,
  type SharedDocument,
} from '../../support/addon/addon-runtime.ts';
import { seedWorld } from '../../support/factories.ts';
import type { Harness } from '../../support/harness.ts';
import { startOutOfProcessApi } from '../../support/out-of-process-api.ts';

/**
 * The world of the add-on's end-to-end tests: the built add-on, the real API (in its own
 * process, on a fresh table of the run's DynamoDB Local) with the factories' regions, councils
 * and people, and people opening spreadsheets.
 */
export interface AddonWorld {
  api: Harness;
  seeded: Awaited<ReturnType<typeof seedWorld>>;
  /** Opens the add-on for a person in a spreadsheet (a new one unless given). */
  open(who: 'canterbury' | 'adviser' | 'national', document?: SharedDocument): AddonSession;
  /** Saves settings and sets up the tabs, as a person does once per spreadsheet. */
  configure(session: AddonSession, types?: string[], regionId?: string): void;
  close(): Promise<void>;
}

const EMAILS = {
  canterbury: 'cant@ceg.example.nz',
  adviser: 'aroha@ceg.example.nz',
  national: 'nat@ceg.example.nz',
} as const;

export async function startAddonWorld(): Promise<AddonWorld> {
  const api = await startOutOfProcessApi(inject('dynamoEndpoint'));
  // Built for this API's origin, as a deployment is built for the real API's: the manifest's
  // allow-list (which the fake UrlFetchApp enforces) names it.
  const [build, seeded] = await Promise.all([buildForTest(new URL(api.baseUrl).origin), seedWorld(api)]);
  const sessions: AddonSession[] = [];
  const people = new Map<string, Person>();
  return {
    api,
    seeded,
    open(who, document = newDocument()) {
      const email = EMAILS[who];
      if (!people.has(email)) people.set(email, new Person(email, seeded.tokens[who]));
      const session = new AddonSession(build, document, email, seeded.tokens[who], people.get(email));
      sessions.push(session);
      return session;
    },
    configure(session, types = ['activity'], regionId = 'canterbury') {
      session.call('saveSettings', { apiUrl: api.baseUrl, regionId, types, hourlyPull: false });
      session.call('setUpTabs');
    },
    async close() {
      await Promise.all(sessions.map((s) => s.close()));
      await api.close();
    },
  };
}

/** Values of a valid activity in Canterbury (weeks start on a Monday). */
export function activityValues(adviserId: string, overrides: Record<string, unknown> = {}) {
  return {
    adviserId,
    councilId: 'christchurch-city',
    weekStarting: '2026-11-16',
    kind: 'planning',
    hours: 6.5,
    ...overrides,
  };
}
