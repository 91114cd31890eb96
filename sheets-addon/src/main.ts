import { ISO_DATE_SHAPE } from '../../functions/domain/iso-date.ts';
import type { ReminderSettings } from '../../functions/reminders/kinds.ts';
/**
 * The add-on's entry points: the menu, the sidebar's server functions (called with
 * `google.script.run`) and the hourly trigger. The build turns every export of this module into
 * a top-level function, which is all Apps Script can call. Each one is a thin shell around a
 * sync run; the work is in `sync/` and `sheet/`.
 */
import {
  type AdoptableTab,
  type AdoptionProposal,
  type AdoptionReport,
  type AdoptionRequest,
  adoptableTabs,
  adoptTab as adoptTabRun,
  proposeAdoption as proposeAdoptionRun,
} from './apps-script/adopt-tab.ts';
import { buildFacts } from './apps-script/build-info.ts';
import { activeSpreadsheet, appsScriptEnvironment, userStore } from './apps-script/environment.ts';
import {
  type HourlyPullStatus,
  hourlyPullStatus,
  turnOffHourlyPull,
  turnOnHourlyPull,
} from './apps-script/hourly-pull.ts';
import { writeReportTab } from './apps-script/report-tab.ts';
import { runScheduledPull } from './apps-script/scheduled-pull.ts';
import { type SetupReport, setUpTabs as setUpTabsRun } from './apps-script/tab-setup.ts';
import { activeWorkbook } from './apps-script/workbook.ts';
import { readConflicts } from './sheet/conflicts.ts';
import { ApiClient } from './sync/api-client.ts';
import { type DigestPreviewDialog, previewLecDigest } from './sync/digest-preview-run.ts';
import { type PullReport, runPull } from './sync/pull-run.ts';
import { type PushReport, type PushScope, runPush } from './sync/push-run.ts';
import {
  type ActionReport,
  deleteSelected,
  describeUndo,
  previewDeleteSelected,
  previewResolveSelected,
  resolveConflicts,
  undoLastPush,
} from './sync/row-actions.ts';
import {
  checkRegion,
  DocumentState,
  type LastRun,
  type Progress,
  type RegionChoice,
  regionChoices,
  type Settings,
  validateSettings,
} from './sync/settings.ts';
import { UserFacingError } from './sync/user-facing-error.ts';
import { pullWeeklyReport, type WeeklyReportRequest } from './sync/weekly-report-run.ts';

const TITLE = 'Partnership Records';

/**
 * Google's words when the add-on runs as one of several signed-in accounts and the sidebar as
 * another (a long-standing Google problem), and what to do about it. The sidebar says the same.
 */
const SEVERAL_ACCOUNTS = /PERMISSION_DENIED|error occurred while reading from storage/i;
const SEVERAL_ACCOUNTS_ADVICE =
  'Google could not tell which of your Google accounts is using Partnership Records: this happens when several accounts are signed in to this browser. Sign out of the other accounts (or open the spreadsheet in a private window signed in with one account only), reload, and try again. Nothing was changed.';
const PENDING_KEY = 'pendingSidebarAction';

/** Errors made plain already (a menu item calling a server function wraps twice otherwise). */
const plainErrors = new WeakSet<Error>();

/** Errors reach the sidebar and dialogs as plain sentences. */
function plainError(error: unknown): Error {
  if (error instanceof Error && plainErrors.has(error)) return error;
  const message = (error as Error)?.message ?? String(error);
  const plain = new Error(
    error instanceof UserFacingError || /^(The API|Could not reach)/.test(message)
      ? message
      : SEVERAL_ACCOUNTS.test(message)
        ? SEVERAL_ACCOUNTS_ADVICE
        : `Something went wrong: ${message}`,
  );
  plainErrors.add(plain);
  return plain;
}

function attempt<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw plainError(error);
  }
}

function state(): DocumentState {
  return new DocumentState(appsScriptEnvironment().documentStore);
}

function alert(message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, message, ui.ButtonSet.OK);
}

function confirm(message: string): boolean {
  const ui = SpreadsheetApp.getUi();
  return ui.alert(TITLE, message, ui.ButtonSet.OK_CANCEL) === ui.Button.OK;
}

/** Runs a menu action and tells the person what happened in a dialog. */
function fromMenu(work: () => { summary: string }): void {
  try {
    alert(work().summary);
  } catch (error) {
    alert(plainError(error).message);
  }
}

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const ui = SpreadsheetApp.getUi();
  ui.createAddonMenu()
    .addItem('Open sidebar', 'openSidebar')
    .addSeparator()
    .addItem('Set up / repair tabs', 'menuSetUp')
    .addItem('Use one of your own tabs…', 'menuAdoptTab')
    .addItem('Pull changes', 'menuPull')
    .addItem('Push changes…', 'menuPush')
    .addItem('Push selected rows…', 'menuPushSelected')
    .addSubMenu(
      ui
        .createMenu('Resolve conflicts')
        .addItem('Keep mine (selected rows)', 'menuKeepMine')
        .addItem('Take theirs (selected rows)', 'menuTakeTheirs'),
    )
    .addItem('Delete selected records…', 'menuDeleteSelected')
    .addItem('Undo last push…', 'menuUndo')
    .addSeparator()
    .addItem('Weekly report…', 'menuWeeklyReport')
    .addItem('Preview LEC digest…', 'menuDigestPreview')
    .addItem('Settings', 'openSidebar')
    .addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function openSidebar(): void {
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar').setTitle(TITLE));
}

export function menuSetUp(): void {
  fromMenu(() => setUpTabs());
}

/** Adopting a tab is a conversation (confirm each header), so it happens in the sidebar. */
export function menuAdoptTab(): void {
  userStore().set(PENDING_KEY, JSON.stringify({ kind: 'adopt' } satisfies PendingAction));
  openSidebar();
}

export function menuPull(): void {
  fromMenu(() => pullNow());
}

/** Pushing always goes through the sidebar's preview, so nothing is sent unseen. */
export function menuPush(): void {
  userStore().set(PENDING_KEY, JSON.stringify({ kind: 'preview' } satisfies PendingAction));
  openSidebar();
}

export function menuPushSelected(): void {
  try {
    const scope = selectedScope();
    userStore().set(PENDING_KEY, JSON.stringify({ kind: 'preview', scope } satisfies PendingAction));
    openSidebar();
  } catch (error) {
    alert(plainError(error).message);
  }
}

/** Keep mine / take theirs for the selected rows, after saying how many records of what. */
function menuResolve(choice: 'mine' | 'theirs'): void {
  fromMenu(() => {
    const env = appsScriptEnvironment();
    const workbook = activeWorkbook();
    const chosen = previewResolveSelected(env, workbook);
    const question =
      choice === 'mine'
        ? `Keep mine for ${chosen.what}? Your values are sent over the server's; theirs stay in the Conflicts tab.`
        : `Take theirs for ${chosen.what}? Your rows show the server's values; yours stay in the Conflicts tab.`;
    if (!confirm([question, chosen.hidden].filter(Boolean).join(' ')))
      return { summary: 'Nothing was changed.' };
    return resolveConflicts(env, workbook, choice, undefined, chosen.ids);
  });
}

export function menuKeepMine(): void {
  menuResolve('mine');
}

export function menuTakeTheirs(): void {
  menuResolve('theirs');
}

export function menuDeleteSelected(): void {
  fromMenu(() => {
    const env = appsScriptEnvironment();
    const workbook = activeWorkbook();
    const chosen = previewDeleteSelected(env, workbook);
    const question = `Delete ${chosen.what} on the server? The rows stay in the sheet, greyed out, and "Undo last push" brings them back.`;
    if (!confirm([question, chosen.hidden].filter(Boolean).join(' ')))
      return { summary: 'Nothing was deleted.' };
    return deleteSelected(env, workbook, chosen.ids);
  });
}

export function menuUndo(): void {
  fromMenu(() => {
    if (!confirm(undoQuestion())) return { summary: 'Nothing was undone.' };
    return undoPush();
  });
}

/** "Undo the push of 2026-11-23 10:15:02 by cant@…? 3 changed records get their previous values back…" */
export function undoQuestion(): string {
  return attempt(() => describeUndo(activeWorkbook()));
}

/**
 * Asks whose week (a region, "adviser <id>", or nothing for this spreadsheet's region) and which
 * Monday (nothing for last week), then pulls that weekly report into a tab of its own.
 */
export function menuWeeklyReport(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    TITLE,
    'Weekly report: whose week? Type a region, or "adviser" and the adviser\'s name or id ("adviser Jane Smith"), then optionally the Monday (16/11/2026 or 2026-11-16). Leave it empty for your region\'s last week.',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const words = answer.getResponseText().trim().split(/\s+/).filter(Boolean);
  // A last word written like a date (2026-11-16, 16/11/2026) is the week, so that a date that
  // does not exist is refused as a date instead of being taken for a name.
  const last = words[words.length - 1] ?? '';
  const week =
    ISO_DATE_SHAPE.test(last) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(last) ? words.pop() : undefined;
  fromMenu(() => weeklyReportTab({ who: words.join(' '), week }));
}

/**
 * Staff preview an LEC group's next digest: the group is typed by name or id, and a dialog shows
 * who gets it, why the others do not, and what the first one says. Nothing is sent.
 */
export function menuDigestPreview(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    TITLE,
    'Preview the next digest of which LEC group? Type its name or id (as on the Lists tab).',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  try {
    const dialog = digestPreview(answer.getResponseText());
    ui.showModalDialog(HtmlService.createHtmlOutput(dialog.html).setWidth(720).setHeight(560), dialog.title);
  } catch (error) {
    alert(plainError(error).message);
  }
}

/** An LEC group's next digest as the preview dialog shows it (the menu item, and the sidebar if it offers it). */
export function digestPreview(group: string): DigestPreviewDialog {
  return attempt(() => previewLecDigest(appsScriptEnvironment(), group, activeWorkbook().referenceLists()));
}

/** Pulls a weekly report into its own tab (the menu item, and the sidebar if it offers it). */
export function weeklyReportTab(request: WeeklyReportRequest): { summary: string; tab: string } {
  return attempt(() =>
    pullWeeklyReport(appsScriptEnvironment(), writeReportTab, request, activeWorkbook().referenceLists()),
  );
}

/** The signed-in person's reminder email settings, for the sidebar's "Reminder emails" panel. */
export function getReminderSettings(): ReminderSettings {
  return attempt(() => reminderApi().reminderPreferences());
}

/** Saves the sidebar's reminder choices: `{ "actions": "weekly", ... }`. */
export function saveReminderSettings(change: Record<string, string>): ReminderSettings {
  return attempt(() => reminderApi().changeReminderPreferences(change));
}

/** Reminder settings belong to the person, not the spreadsheet: they live on the server. */
function reminderApi(): ApiClient {
  const settings = state().settings();
  if (!settings) {
    throw new UserFacingError(
      'Save the settings first: the API address tells the add-on where your reminder settings are.',
    );
  }
  const env = appsScriptEnvironment();
  return new ApiClient(env.http, settings.apiUrl, () => env.token());
}

/** The hourly trigger; see `apps-script/scheduled-pull.ts` for how no failure goes unseen. */
export function scheduledPull(event?: GoogleAppsScript.Events.TimeDriven): void {
  runScheduledPull(event);
}

/** The rows selected in a record tab, as a push scope. */
function selectedScope(): PushScope {
  const document = state();
  const types = (document.settings()?.types ?? [])
    .map((t) => document.type(t))
    .filter((t) => t !== undefined);
  const selection = activeWorkbook().selection(types);
  if (!selection) throw new UserFacingError('Select the rows to push in a record tab first.');
  if (selection.rows.size === 0)
    throw new UserFacingError(
      `Every selected row is hidden (by a filter or by hand), so there is nothing to push. Show the rows first, or select rows that show.`,
    );
  return { type: selection.type.type, rows: [...selection.rows].sort((a, b) => a - b) };
}

export interface SidebarState {
  user: string;
  settings: Settings | null;
  types: { type: string; label: string }[];
  lastRun: LastRun | null;
  progress: Progress | null;
  /** Whether this person's hourly pull of this spreadsheet is on. */
  hourlyPull: boolean;
  /** When it last ran and how, or why the add-on turned it off. */
  hourly: HourlyPullStatus;
  /** The API addresses this build may reach (the manifest's allow-list), for the settings form. */
  allowedApi: string[];
  /** Something the person should know about the last action (settings saved, but…). */
  notice?: string;
  conflicts: { type: string; label: string; id: string; differs: string }[];
  /** What a menu item asked the sidebar to do when it opens. */
  pending: PendingAction | null;
}

/** A menu item that needs the sidebar (a push preview, adopting a tab) leaves this for it. */
export type PendingAction = { kind: 'preview'; scope?: PushScope } | { kind: 'adopt' };

/** Everything the sidebar shows when it opens. */
export function getSidebarState(): SidebarState {
  return attempt(() => {
    const document = state();
    const settings = document.settings() ?? null;
    const types = (settings?.types ?? []).map((t) => ({
      type: t,
      label: document.type(t)?.pluralLabel ?? t,
    }));
    const conflicts = readConflicts(activeWorkbook().conflicts.read())
      .filter((c) => c.open)
      .map((c) => ({
        type: c.type,
        label: types.find((t) => t.type === c.type)?.label ?? c.type,
        id: c.id,
        differs: c.differs,
      }));
    const pendingRaw = userStore().get(PENDING_KEY);
    if (pendingRaw) userStore().delete(PENDING_KEY);
    const hourly = hourlyPullStatus(activeSpreadsheet());
    return {
      user: Session.getActiveUser().getEmail(),
      settings,
      types,
      lastRun: document.lastRun() ?? null,
      progress: document.progress() ?? null,
      hourlyPull: hourly.on,
      hourly,
      allowedApi: buildFacts().allowList.map((prefix) => prefix.replace(/\/$/, '')),
      conflicts,
      pending: pendingRaw ? (JSON.parse(pendingRaw) as PendingAction) : null,
    };
  });
}

/** The API's record types, for the settings form's choices. */
export function listRecordTypes(apiUrl: string): { type: string; label: string }[] {
  return attempt(() => {
    const settings = validateSettings({ apiUrl, types: ['any'] }, buildFacts());
    const env = appsScriptEnvironment();
    return new ApiClient(env.http, settings.apiUrl, () => env.token())
      .types()
      .map((t) => ({ type: t.type, label: t.pluralLabel }));
  });
}

/** The regions this person may pull (two requests, sent together), for the settings form's choices. */
function regionsFor(apiUrl: string): RegionChoice[] {
  const env = appsScriptEnvironment();
  const api = new ApiClient(env.http, apiUrl, () => env.token());
  const [regions] = api.listAll([{ path: 'regions' }]);
  return regionChoices(api.me(), regions ?? []);
}

/** The regions the settings form offers, by name. */
export function listRegions(apiUrl: string): RegionChoice[] {
  return attempt(() => regionsFor(validateSettings({ apiUrl, types: ['any'] }, buildFacts()).apiUrl));
}

/**
 * Saves the settings. A region is checked against the real list before anything is saved. The
 * hourly trigger is made first, so that a trigger Google refuses leaves the settings saved with
 * the hourly pull off, and the person told why.
 */
export function saveSettings(form: unknown): SidebarState {
  return attempt(() => {
    const checked = validateSettings(form, buildFacts());
    const settings = checked.regionId ? checkRegion(checked, regionsFor(checked.apiUrl)) : checked;
    const spreadsheet = activeSpreadsheet();
    let notice: string | undefined;
    if (settings.hourlyPull) {
      try {
        turnOnHourlyPull(
          spreadsheet,
          Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm'),
        );
      } catch (error) {
        settings.hourlyPull = false;
        notice = `Settings saved, but Google would not turn the hourly pull on (${(error as Error).message}). Pull by hand with Pull changes; to try again, tick "Pull every hour" and save.`;
      }
    } else turnOffHourlyPull(spreadsheet);
    state().saveSettings(settings);
    return { ...getSidebarState(), ...(notice ? { notice } : {}) };
  });
}

export function setUpTabs(): SetupReport {
  return attempt(() => setUpTabsRun(appsScriptEnvironment(), activeWorkbook()));
}

export function pullNow(): PullReport {
  return attempt(() => runPull(appsScriptEnvironment(), activeWorkbook()));
}

/** Forgets the pull cursors and pulls everything again (rows already up to date are left alone). */
export function repullEverything(): PullReport {
  return attempt(() => {
    const document = state();
    for (const type of document.settings()?.types ?? []) document.forgetCursor(type);
    return runPull(appsScriptEnvironment(), activeWorkbook());
  });
}

export function previewPush(scope?: PushScope | null): PushReport {
  return attempt(() =>
    runPush(appsScriptEnvironment(), activeWorkbook(), { dryRun: true, scope: scope ?? undefined }),
  );
}

/** Sends exactly what the preview with this token showed, or nothing (the report says the sheet changed). */
export function confirmPush(scope: PushScope | null, planToken: string): PushReport {
  return attempt(() =>
    runPush(appsScriptEnvironment(), activeWorkbook(), {
      dryRun: false,
      scope: scope ?? undefined,
      planToken,
    }),
  );
}

/** Keep mine / take theirs for one record, from the sidebar's conflict list. */
export function resolveConflict(choice: 'mine' | 'theirs', type: string, id: string): ActionReport {
  return attempt(() => resolveConflicts(appsScriptEnvironment(), activeWorkbook(), choice, { type, id }));
}

export function undoPush(): ActionReport {
  return attempt(() => undoLastPush(appsScriptEnvironment(), activeWorkbook()));
}

/** How far a long run has got, for the sidebar's progress bar. */
export function getProgress(): Progress | null {
  return attempt(() => state().progress() ?? null);
}

/** The spreadsheet's own tabs that could be adopted (not the add-on's, not empty). */
export function listAdoptableTabs(): AdoptableTab[] {
  return attempt(() => adoptableTabs());
}

/** Each header of a tab with the field proposed for it, for the person to confirm or change. */
export function proposeAdoption(tab: string, type: string): AdoptionProposal {
  return attempt(() => proposeAdoptionRun(appsScriptEnvironment(), activeWorkbook(), tab, type));
}

/** Adopts a team's own tab with the mapping the person confirmed; its rows are pushed as usual. */
export function adoptTab(request: AdoptionRequest): AdoptionReport {
  return attempt(() => adoptTabRun(appsScriptEnvironment(), activeWorkbook(), request));
}
