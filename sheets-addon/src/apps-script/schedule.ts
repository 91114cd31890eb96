/**
 * The optional hourly pull: an installable time trigger owned by the person who turned it on
 * (Editor add-ons may run such triggers at most hourly). Its failures go to the Sync log.
 */

export const SCHEDULED_PULL_HANDLER = 'scheduledPull';

function ownTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(SpreadsheetApp.getActiveSpreadsheet()).filter(
    (t) => t.getHandlerFunction() === SCHEDULED_PULL_HANDLER,
  );
}

/** Turns the hourly pull on or off for this person and spreadsheet; never leaves two triggers. */
export function setHourlyPull(enabled: boolean): void {
  const existing = ownTriggers();
  if (enabled && existing.length === 0) {
    ScriptApp.newTrigger(SCHEDULED_PULL_HANDLER).timeBased().everyHours(1).create();
  }
  for (const trigger of enabled ? existing.slice(1) : existing) ScriptApp.deleteTrigger(trigger);
}

export function hourlyPullIsOn(): boolean {
  return ownTriggers().length > 0;
}
