import type { HttpRequest, HttpResponse } from '../sync/api-client.ts';
import type { Environment } from '../sync/ports.ts';
import type { KeyValueStore } from '../sync/settings.ts';
import { UserFacingError } from '../sync/sync-run.ts';

/** Apps Script stops an execution at 6 minutes; runs stop starting new work well before that. */
const TIME_BUDGET_MS = 270_000;
const LOCK_WAIT_MS = 10_000;

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

/** Document properties as a key-value store. */
export function documentStore(): KeyValueStore {
  const properties = PropertiesService.getDocumentProperties();
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

/** User properties (per person, per add-on), for things like the sidebar's next action. */
export function userStore(): KeyValueStore {
  const properties = PropertiesService.getUserProperties();
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

function timeZone(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone() || Session.getScriptTimeZone();
}

/** The sync runs' environment, made of Apps Script services. */
export function appsScriptEnvironment(): Environment {
  const zone = timeZone();
  return {
    http: {
      fetchAll(requests: HttpRequest[]): HttpResponse[] {
        return UrlFetchApp.fetchAll(requests.map(toFetchRequest)).map((response) => ({
          status: response.getResponseCode(),
          body: response.getContentText(),
        }));
      },
    },
    documentStore: documentStore(),
    token: () => ScriptApp.getIdentityToken(),
    user: () => Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'unknown user',
    uuid: () => Utilities.getUuid(),
    now: () => new Date(),
    formatTime: (date) => Utilities.formatDate(date, zone, 'yyyy-MM-dd HH:mm:ss'),
    readDate: (date) => Utilities.formatDate(date, zone, 'yyyy-MM-dd'),
    withLock<T>(work: () => T): T {
      const lock = LockService.getDocumentLock();
      if (!lock?.tryLock(LOCK_WAIT_MS)) {
        throw new UserFacingError(
          "Another sync is running on this spreadsheet (perhaps a colleague's, or the hourly pull). Try again in a minute.",
        );
      }
      try {
        return work();
      } finally {
        lock.releaseLock();
      }
    },
    timeBudgetMs: TIME_BUDGET_MS,
  };
}
