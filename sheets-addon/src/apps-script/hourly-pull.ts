/**
 * The optional hourly pull: an installable time trigger owned by the person who turns it on
 * (Editor add-ons may run such triggers at most hourly). Each trigger is tracked by its own id,
 * kept with the spreadsheet's id in the person's user properties: Google does not document
 * whether an add-on's clock trigger is tied to the document it was made in, so the add-on never
 * relies on `getUserTriggers(spreadsheet)` to find it. See docs/sheets-addon.md, "Hourly pull".
 */

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Trigger = GoogleAppsScript.Script.Trigger;

const SCHEDULED_PULL_HANDLER = 'scheduledPull';
const RECORD_PREFIX = 'hourlyPull:';

/** One person's hourly pull of one spreadsheet, as kept in their user properties. */
export interface HourlyPullRecord {
  spreadsheetId: string;
  spreadsheetName: string;
  /** The trigger's unique id; absent once the add-on had to stop the pull. */
  triggerId?: string;
  turnedOnAt: string;
  lastRun?: { at: string; ok: boolean; summary: string };
  /** Why the add-on turned the pull off by itself. */
  stopped?: { at: string; reason: string };
}

/** What the sidebar shows about this person's hourly pull of this spreadsheet. */
export interface HourlyPullStatus {
  on: boolean;
  lastRun?: HourlyPullRecord['lastRun'];
  stopped?: HourlyPullRecord['stopped'];
}

function userProperties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getUserProperties();
}

function readRecord(spreadsheetId: string): HourlyPullRecord | undefined {
  const raw = userProperties().getProperty(RECORD_PREFIX + spreadsheetId);
  return raw ? (JSON.parse(raw) as HourlyPullRecord) : undefined;
}

export function saveRecord(record: HourlyPullRecord): void {
  userProperties().setProperty(RECORD_PREFIX + record.spreadsheetId, JSON.stringify(record));
}

/** The record of the spreadsheet a trigger was made for. */
export function recordOfTrigger(triggerId: string): HourlyPullRecord | undefined {
  const all = userProperties().getProperties();
  for (const [key, raw] of Object.entries(all)) {
    if (!key.startsWith(RECORD_PREFIX)) continue;
    const record = JSON.parse(raw) as HourlyPullRecord;
    if (record.triggerId === triggerId) return record;
  }
  return undefined;
}

/** This person's trigger with this id, among all of theirs for the add-on. */
function findTrigger(triggerId: string | undefined): Trigger | undefined {
  if (!triggerId) return undefined;
  return ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === triggerId);
}

export function deleteTriggerById(triggerId: string | undefined): void {
  const trigger = findTrigger(triggerId);
  if (trigger) ScriptApp.deleteTrigger(trigger);
}

export function hourlyPullStatus(spreadsheet: Spreadsheet): HourlyPullStatus {
  const record = readRecord(spreadsheet.getId());
  if (!record) return { on: false };
  const on = findTrigger(record.triggerId) !== undefined;
  const stopped =
    record.stopped ??
    (record.triggerId && !on
      ? {
          at: record.lastRun?.at ?? record.turnedOnAt,
          reason:
            'its trigger is gone (Google removes the triggers of people who uninstall the add-on or lose access to the spreadsheet). Turn it on again in Settings.',
        }
      : undefined);
  return { on, lastRun: record.lastRun, ...(stopped ? { stopped } : {}) };
}

/**
 * Turns the hourly pull on for this person and spreadsheet, unless its trigger already exists.
 * Throws Google's error when the trigger cannot be made; nothing is recorded then.
 */
export function turnOnHourlyPull(spreadsheet: Spreadsheet, now: string): void {
  const record = readRecord(spreadsheet.getId());
  if (findTrigger(record?.triggerId)) return;
  const trigger = ScriptApp.newTrigger(SCHEDULED_PULL_HANDLER).timeBased().everyHours(1).create();
  saveRecord({
    spreadsheetId: spreadsheet.getId(),
    spreadsheetName: spreadsheet.getName(),
    triggerId: trigger.getUniqueId(),
    turnedOnAt: now,
    ...(record?.lastRun ? { lastRun: record.lastRun } : {}),
  });
}

export function turnOffHourlyPull(spreadsheet: Spreadsheet): void {
  const record = readRecord(spreadsheet.getId());
  deleteTriggerById(record?.triggerId);
  // Triggers made before they were tracked by id, where Google ties them to this document.
  for (const trigger of ScriptApp.getUserTriggers(spreadsheet)) {
    if (trigger.getHandlerFunction() === SCHEDULED_PULL_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  if (record) userProperties().deleteProperty(RECORD_PREFIX + record.spreadsheetId);
}

/** The add-on turns the pull off by itself (it cannot work); the reason is kept for the sidebar. */
export function stopHourlyPull(record: HourlyPullRecord, at: string, reason: string): void {
  deleteTriggerById(record.triggerId);
  const { triggerId: _gone, ...rest } = record;
  saveRecord({ ...rest, stopped: { at, reason } });
}
