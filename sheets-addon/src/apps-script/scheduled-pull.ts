import { runPull } from '../sync/pull-run.ts';
import { isLogged, writeLogLine } from '../sync/sync-run.ts';
import { NoDocumentContextError } from '../sync/user-facing-error.ts';
import { appsScriptEnvironment } from './environment.ts';
import {
  deleteTriggerById,
  type HourlyPullRecord,
  recordOfTrigger,
  saveRecord,
  stopHourlyPull,
} from './hourly-pull.ts';
import { workbookOf } from './workbook.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const MANUAL_PULL = 'Extensions > Partnership Records > Pull changes';

function timeIn(spreadsheet: Spreadsheet | null): string {
  const zone = spreadsheet?.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
  return Utilities.formatDate(new Date(), zone, 'yyyy-MM-dd HH:mm');
}

function plain(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/**
 * The hourly trigger. Nothing fails unseen: a run that reaches its spreadsheet writes its outcome
 * to the Sync log and to the person's hourly-pull record (the sidebar shows both); a run that
 * cannot reach it throws, so that Google emails the person the failure, and turns itself off
 * when Google gave it no document to work in, since the next hour would fail the same way.
 */
export function runScheduledPull(event?: { triggerUid?: string }): void {
  const triggerId = event?.triggerUid;
  const record = triggerId ? recordOfTrigger(triggerId) : undefined;
  if (!record) {
    deleteTriggerById(triggerId);
    throw new Error(
      "Partnership Records: an hourly pull ran that no spreadsheet claims any more (it was turned off, or made by an older version of the add-on), so it has been removed and nothing was pulled. Turn the hourly pull on again in the spreadsheet's Settings if you want it.",
    );
  }
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet || spreadsheet.getId() !== record.spreadsheetId) {
    const reason = spreadsheet
      ? `Google ran it with another spreadsheet ("${spreadsheet.getName()}") open`
      : 'Google gave it no spreadsheet to work on';
    stopHourlyPull(
      record,
      timeIn(spreadsheet),
      `${reason}, so it was turned off. Pull by hand with ${MANUAL_PULL}.`,
    );
    throw new Error(
      `Partnership Records could not run the hourly pull of "${record.spreadsheetName}": ${reason}. Nothing was pulled and the hourly pull has been turned off; open the spreadsheet and use ${MANUAL_PULL}.`,
    );
  }
  pullInto(spreadsheet, record);
}

function pullInto(spreadsheet: Spreadsheet, record: HourlyPullRecord): void {
  const workbook = workbookOf(spreadsheet);
  const at = timeIn(spreadsheet);
  try {
    const report = runPull(appsScriptEnvironment(spreadsheet), workbook, { scheduled: true });
    saveRecord({ ...record, lastRun: { at, ok: true, summary: report.summary } });
  } catch (error) {
    const message = plain(error);
    saveRecord({ ...record, lastRun: { at, ok: false, summary: message } });
    if (error instanceof NoDocumentContextError) {
      stopHourlyPull(
        { ...record, lastRun: { at, ok: false, summary: message } },
        at,
        `${message} The hourly pull was turned off.`,
      );
    }
    if (!isLogged(error)) {
      // Failed before a run could log it (no lock, no settings): the line is written here; if
      // even that fails, the error goes to Google, which emails it to the person.
      writeLogLine(workbook, {
        when: Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), 'yyyy-MM-dd HH:mm:ss'),
        who: Session.getEffectiveUser().getEmail() || 'unknown user',
        action: 'scheduled pull',
        ok: false,
        details: message,
        requests: 0,
        seconds: 0,
      });
    }
    if (error instanceof NoDocumentContextError) throw error;
  }
}
