import { dateOrderOfLocale } from '../sheet/input-resolution.ts';
import { AddressNotAllowedError, isAllowed } from '../sync/api-address.ts';
import type { HttpRequest, HttpResponse } from '../sync/api-client.ts';
import type { Environment } from '../sync/ports.ts';
import type { KeyValueStore } from '../sync/settings.ts';
import { NoDocumentContextError, UserFacingError } from '../sync/user-facing-error.ts';
import { buildFacts } from './build-info.ts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Apps Script stops an execution at 6 minutes; runs stop starting new work well before that. */
const TIME_BUDGET_MS = 270_000;
/** A tab write begun by then has about 40 s, and the Sync log line after it a few more. */
const WRITE_DEADLINE_MS = 320_000;
const LOCK_WAIT_MS = 10_000;

const REOPEN =
  'Open the spreadsheet and run it again from Extensions > Partnership Records; if this keeps happening, tell your Partnership Records administrator.';

/** Google's words when a fetch is outside the manifest's allow-list (they vary between products). */
const NOT_ALLOWED_BY_GOOGLE = /not been whitelisted|not allowlisted|does not match any of the prefixes/i;

function toFetchRequest(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const { 'Content-Type': contentType, ...headers } = request.headers;
  return {
    url: request.url,
    method: request.method,
    headers,
    ...(request.payload !== undefined
      ? { payload: request.payload, contentType: contentType ?? 'application/json' }
      : {}),
    // Error statuses come back as responses (problem+json to show), not as exceptions.
    muteHttpExceptions: true,
    followRedirects: false,
  };
}

function asStore(properties: GoogleAppsScript.Properties.Properties): KeyValueStore {
  return {
    get: (key) => properties.getProperty(key),
    set: (key, value) => {
      properties.setProperty(key, value);
    },
    delete: (key) => {
      properties.deleteProperty(key);
    },
  };
}

/** Document properties as a key-value store; Google returns none outside an open document. */
function documentStore(): KeyValueStore {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties)
    throw new NoDocumentContextError(
      `Partnership Records could not read this spreadsheet's settings: Google gave this run no document properties (it does so only when the add-on runs without the spreadsheet open), so nothing was done. ${REOPEN}`,
    );
  return asStore(properties);
}

/** User properties (per person, per add-on): the sidebar's next action, the hourly pull's record. */
export function userStore(): KeyValueStore {
  return asStore(PropertiesService.getUserProperties());
}

/** The open spreadsheet; Google may give none (a time-driven run, say), which is said plainly. */
export function activeSpreadsheet(): Spreadsheet {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet)
    throw new NoDocumentContextError(
      `Partnership Records has no spreadsheet to work on: Google gave this run none, so nothing was done. ${REOPEN}`,
    );
  return spreadsheet;
}

/** Sends requests with UrlFetchApp, refusing up front any address the manifest would not allow. */
function allowListedHttp(): Environment['http'] {
  const build = buildFacts();
  return {
    fetchAll(requests: HttpRequest[]): HttpResponse[] {
      const outside = requests.find((r) => !isAllowed(r.url, build.allowList));
      if (outside) throw new AddressNotAllowedError(outside.url, build);
      try {
        return UrlFetchApp.fetchAll(requests.map(toFetchRequest)).map((response) => ({
          status: response.getResponseCode(),
          body: response.getContentText(),
        }));
      } catch (error) {
        if (NOT_ALLOWED_BY_GOOGLE.test((error as Error)?.message ?? ''))
          throw new AddressNotAllowedError(requests[0]!.url, build);
        throw error;
      }
    },
  };
}

/** The signed-in person's Google identity token; Google may return none, which stops the run. */
function identityToken(): string {
  const token = ScriptApp.getIdentityToken();
  if (!token)
    throw new UserFacingError(
      'Google did not give Partnership Records your sign-in (no identity token), so nothing was sent. Reload the spreadsheet and try again, accepting if Google asks you to authorise the add-on; if it keeps happening, ask your Partnership Records administrator to check that the add-on still has its "openid" and email permissions.',
    );
  return token;
}

/** Runs `work` holding the document lock; a missing or busy lock gets its own message. */
function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) {
    throw new NoDocumentContextError(
      `Partnership Records could not lock this spreadsheet: Google gave this run no document lock (it does so only when the add-on runs without the spreadsheet open), so nothing was done rather than risk writing over a colleague's sync. ${REOPEN}`,
    );
  }
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    throw new UserFacingError(
      "Another sync is running on this spreadsheet (perhaps a colleague's, or the hourly pull). Try again in a minute.",
    );
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}

/** The sync runs' environment for a spreadsheet (the open one by default), made of Apps Script services. */
export function appsScriptEnvironment(spreadsheet: Spreadsheet = activeSpreadsheet()): Environment {
  const zone = spreadsheet.getSpreadsheetTimeZone() || Session.getScriptTimeZone();
  return {
    http: allowListedHttp(),
    documentStore: documentStore(),
    token: identityToken,
    user: () => Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'unknown user',
    uuid: () => Utilities.getUuid(),
    now: () => new Date(),
    formatTime: (date) => Utilities.formatDate(date, zone, 'yyyy-MM-dd HH:mm:ss'),
    readDate: (date) => Utilities.formatDate(date, zone, 'yyyy-MM-dd'),
    dateOrder: dateOrderOfLocale(spreadsheet.getSpreadsheetLocale()),
    withLock: withDocumentLock,
    timeBudgetMs: TIME_BUDGET_MS,
    writeDeadlineMs: WRITE_DEADLINE_MS,
  };
}
