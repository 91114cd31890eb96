import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddonSession } from '../../support/addon/addon-runtime.ts';
import { post } from '../../support/factories.ts';
import { type AddonWorld, activityValues, startAddonWorld } from './addon-world.ts';

/**
 * The places where Google's behaviour is undocumented or can fail: the hourly trigger (with and
 * without the spreadsheet as its active document), a missing document lock, a missing identity
 * token, an address outside the manifest's allow-list and an unreachable API. Each must end in a
 * plain message, in the Sync log or the sidebar, or in an exception Google emails.
 */

let w: AddonWorld;

beforeAll(async () => {
  w = await startAddonWorld();
  await post(w.api, w.seeded.tokens.canterbury, 'activities', activityValues(w.seeded.adviserId));
}, 120_000);
afterAll(() => w?.close());

interface SidebarState {
  hourlyPull: boolean;
  hourly: { on: boolean; lastRun?: { ok: boolean; summary: string }; stopped?: { reason: string } };
  allowedApi: string[];
  notice?: string;
}

function settings(hourlyPull: boolean, apiUrl = w.api.baseUrl) {
  return { apiUrl, regionId: 'canterbury', types: ['activity'], hourlyPull };
}

function configured(): AddonSession {
  const session = w.open('canterbury');
  w.configure(session);
  return session;
}

function onlyTrigger(session: AddonSession): string {
  const mine = session.scriptApp.triggers.filter((t) => t.documentId === session.spreadsheet.id);
  expect(mine).toHaveLength(1);
  return mine[0]!.getUniqueId();
}

function lastLogLine(session: AddonSession) {
  const log = session.spreadsheet.tab('Sync log');
  return {
    action: log.at(2, 'Action').value,
    result: log.at(2, 'Result').value,
    details: String(log.at(2, 'Details').value),
  };
}

describe('the hourly pull', () => {
  it('should pull, log the run and show it in the sidebar when Google runs the trigger in its spreadsheet', () => {
    // Prepare
    const session = configured();
    session.call('saveSettings', settings(true));
    const trigger = onlyTrigger(session);

    // Act
    session.fireTrigger(trigger, { inDocument: true });

    // Assess
    expect(lastLogLine(session)).toMatchObject({ action: 'scheduled pull', result: 'ok' });
    expect(session.spreadsheet.tab('Activities').getLastRow()).toBe(2);
    const state = session.call<SidebarState>('getSidebarState');
    expect(state.hourlyPull).toBe(true);
    expect(state.hourly.lastRun).toMatchObject({ ok: true, summary: 'Activities: 1 added' });
  });

  it('should fail loudly and turn itself off when Google gives the trigger no spreadsheet', () => {
    // Prepare
    const session = configured();
    session.call('saveSettings', settings(true));
    const trigger = onlyTrigger(session);

    // Act
    const firing = () => session.fireTrigger(trigger, { inDocument: false });

    // Assess: the exception is what Google emails to the person; the sidebar says it too.
    expect(firing).toThrow(
      'Partnership Records could not run the hourly pull of "Team records": Google gave it no spreadsheet to work on. Nothing was pulled and the hourly pull has been turned off',
    );
    expect(session.scriptApp.trigger(trigger)).toBeUndefined();
    const state = session.call<SidebarState>('getSidebarState');
    expect(state.hourlyPull).toBe(false);
    expect(state.hourly.stopped?.reason).toContain(
      'Google gave it no spreadsheet to work on, so it was turned off',
    );
    expect(session.spreadsheet.tab('Activities').getLastRow()).toBe(1);
  });

  it('should log a scheduled run that gets its spreadsheet but no document lock, and stop', () => {
    // Prepare
    const session = configured();
    session.call('saveSettings', settings(true));
    const trigger = onlyTrigger(session);
    session.noDocumentLock = true;

    // Act
    const firing = () => session.fireTrigger(trigger, { inDocument: true });

    // Assess
    expect(firing).toThrow('Google gave this run no document lock');
    expect(lastLogLine(session)).toMatchObject({ action: 'scheduled pull', result: 'FAILED' });
    expect(lastLogLine(session).details).toContain('could not lock this spreadsheet');
    expect(session.scriptApp.trigger(trigger)).toBeUndefined();
    session.noDocumentLock = false;
    expect(session.call<SidebarState>('getSidebarState').hourly.lastRun).toMatchObject({ ok: false });
  });

  it('should log a scheduled run that fails at the API and keep the hourly pull on', () => {
    // Prepare
    const session = configured();
    session.call('saveSettings', settings(true));
    const trigger = onlyTrigger(session);
    session.fetch.networkDown = true;

    // Act
    session.fireTrigger(trigger, { inDocument: true });

    // Assess
    session.fetch.networkDown = false;
    expect(lastLogLine(session)).toMatchObject({ action: 'scheduled pull', result: 'FAILED' });
    expect(lastLogLine(session).details).toContain(`Could not reach the API at ${w.api.baseUrl}`);
    const state = session.call<SidebarState>('getSidebarState');
    expect(state.hourlyPull).toBe(true);
    expect(state.hourly.lastRun).toMatchObject({ ok: false });
  });

  it('should remove a trigger that no spreadsheet claims, loudly', () => {
    // Prepare: a trigger made outside the add-on's records (an older version's, say)
    const session = configured();
    session.scriptApp.currentDocumentId = session.spreadsheet.id;
    const stray = session.scriptApp.newTrigger('scheduledPull').timeBased().everyHours(1).create();

    // Act
    const firing = () => session.fireTrigger(stray.getUniqueId(), { inDocument: true });

    // Assess
    expect(firing).toThrow('an hourly pull ran that no spreadsheet claims any more');
    expect(session.scriptApp.trigger(stray.getUniqueId())).toBeUndefined();
  });

  it.each([
    ['tied to the document', true],
    ['attached to the script only', false],
  ])(
    'should keep exactly one trigger when toggled on twice and off, with clock triggers %s',
    (_side, tied) => {
      // Prepare
      const session = configured();
      session.scriptApp.clockTriggersTiedToDocument = tied;

      // Act
      const first = session.call<SidebarState>('saveSettings', settings(true));
      const second = session.call<SidebarState>('saveSettings', settings(true));
      const mine = session.scriptApp.triggers.filter((t) => t.documentId === session.spreadsheet.id).length;
      const off = session.call<SidebarState>('saveSettings', settings(false));

      // Assess
      expect([first.hourlyPull, second.hourlyPull, off.hourlyPull]).toEqual([true, true, false]);
      expect(mine).toBe(1);
      expect(session.scriptApp.triggers.filter((t) => t.documentId === session.spreadsheet.id)).toHaveLength(
        0,
      );
    },
  );

  it("should keep one person's hourly pulls of two spreadsheets apart", () => {
    // Prepare
    const first = configured();
    const second = configured();

    // Act
    first.call('saveSettings', settings(true));
    second.call('saveSettings', settings(true));
    second.call('saveSettings', settings(false));

    // Assess
    expect(first.call<SidebarState>('getSidebarState').hourlyPull).toBe(true);
    expect(second.call<SidebarState>('getSidebarState').hourlyPull).toBe(false);
    const documents = first.scriptApp.triggers.map((t) => t.documentId);
    expect(documents.filter((d) => d === first.spreadsheet.id)).toHaveLength(1);
    expect(documents.filter((d) => d === second.spreadsheet.id)).toHaveLength(0);
  });

  it('should save the settings with the hourly pull off, and say why, when Google refuses the trigger', () => {
    // Prepare
    const session = configured();
    session.scriptApp.refuseNextCreate =
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.';

    // Act
    const state = session.call<SidebarState & { settings: { regionId: string } }>('saveSettings', {
      ...settings(true),
      regionId: 'canterbury',
    });

    // Assess
    expect(state.hourlyPull).toBe(false);
    expect(state.settings.regionId).toBe('canterbury');
    expect(state.notice).toContain('Settings saved, but Google would not turn the hourly pull on');
    expect(state.notice).toContain('This script has too many triggers');
  });
});

describe('honest errors', () => {
  it("should say what to do, not 'Something went wrong', when Google mixes up several signed-in accounts in a menu action", () => {
    // Prepare: Google's storage refuses the run, as it does when the add-on runs as another account
    const session = configured();
    const sentBefore = session.requests;
    session.document.properties.getProperty = () => {
      throw new Error(
        "We're sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.",
      );
    };

    // Act
    session.call('menuPull');

    // Assess
    const said = session.ui.alerts.at(-1)!;
    expect(said).toContain('this happens when several accounts are signed in to this browser');
    expect(said).toContain('Nothing was changed.');
    expect(said).not.toContain('Something went wrong');
    expect(session.requests).toBe(sentBefore);
  });

  it('should say plainly when Google gives a run no document lock, and change nothing', () => {
    // Prepare
    const session = configured();
    session.noDocumentLock = true;

    // Act
    const pulling = () => session.call('pullNow');

    // Assess
    expect(pulling).toThrow(
      'Partnership Records could not lock this spreadsheet: Google gave this run no document lock',
    );
    expect(pulling).not.toThrow('Another sync is running');
    expect(session.spreadsheet.tab('Activities').getLastRow()).toBe(1);
  });

  it('should say plainly when Google gives no identity token, and send nothing', () => {
    // Prepare
    const session = configured();
    session.person.identityToken = null;
    const sentBefore = session.requests;

    // Act
    const pulling = () => session.call('pullNow');

    // Assess
    expect(pulling).toThrow('Google did not give Partnership Records your sign-in (no identity token)');
    expect(session.requests).toBe(sentBefore);
    expect(lastLogLine(session).details).toContain('no identity token');
    session.person.identityToken = w.seeded.tokens.canterbury;
  });

  it('should refuse an API address outside the allow-list in the settings, naming the allowed one', () => {
    // Prepare
    const session = w.open('canterbury');

    // Act
    const saving = () => session.call('saveSettings', settings(false, 'https://records.elsewhere.example'));

    // Assess
    expect(saving).toThrow(`This add-on may only reach ${new URL(w.api.baseUrl).origin}`);
    expect(saving).toThrow('ask whoever publishes the add-on for your organisation');
    expect(session.document.properties.getProperty('settings')).toBeNull();
  });

  it('should offer the regions the API lists for the person, and refuse one they cannot pull before saving', () => {
    // Prepare
    const regional = w.open('canterbury');
    const national = w.open('national');

    // Act
    const theirs = regional.call<{ id: string; name: string }[]>('listRegions', w.api.baseUrl);
    const everyRegion = national.call<{ id: string; name: string }[]>('listRegions', w.api.baseUrl);
    const saving = () => regional.call('saveSettings', { ...settings(false), regionId: 'otago' });

    // Assess
    expect(theirs).toEqual([{ id: 'canterbury', name: 'Canterbury' }]);
    expect(everyRegion).toEqual([
      { id: 'canterbury', name: 'Canterbury' },
      { id: 'otago', name: 'Otago' },
    ]);
    expect(saving).toThrow(
      '"otago" is not a region you can pull. Choose one from the list (Canterbury (canterbury)), or "All regions you can see".',
    );
    expect(regional.document.properties.getProperty('settings')).toBeNull();
  });

  it('should refuse to fetch from an address saved under an older build, before anything is sent', () => {
    // Prepare: settings saved when the add-on was built for another API
    const session = configured();
    const stored = JSON.parse(session.document.properties.getProperty('settings')!);
    session.document.properties.setProperty(
      'settings',
      JSON.stringify({ ...stored, apiUrl: 'https://old-api.example.nz' }),
    );
    const sentBefore = session.requests;

    // Act
    const pulling = () => session.call('pullNow');

    // Assess
    expect(pulling).toThrow('Partnership Records did not call https://old-api.example.nz.');
    expect(session.requests).toBe(sentBefore);
    expect(lastLogLine(session)).toMatchObject({ action: 'pull', result: 'FAILED' });
  });

  it('should refuse, as Google does, a fetch the manifest does not allow', () => {
    // Prepare
    const session = w.open('canterbury');

    // Act
    const fetching = () => session.fetch.fetch('https://records.elsewhere.example/v1/types');

    // Assess
    expect(fetching).toThrow('failed because the URL has not been whitelisted in the script manifest');
  });

  it('should say what to do when the API cannot be reached', () => {
    // Prepare
    const session = configured();
    session.fetch.networkDown = true;

    // Act
    const pulling = () => session.call('pullNow');

    // Assess
    expect(pulling).toThrow(`Could not reach the API at ${w.api.baseUrl}`);
    expect(pulling).toThrow('Check the API address in Settings and try again in a few minutes');
    session.fetch.networkDown = false;
  });

  it('should need the full spreadsheets scope to open a spreadsheet by id, which the add-on does not ask for', () => {
    // Prepare
    const session = w.open('canterbury');

    // Act
    const opening = () => session.app.openById(session.spreadsheet.id);

    // Assess
    expect(opening).toThrow('You do not have permission to call SpreadsheetApp.openById');
  });
});
