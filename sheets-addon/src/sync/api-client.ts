import type { DigestPreview } from '../../../functions/digest/digest-preview-view.ts';
import type { Page } from '../../../functions/domain/record-repository.ts';
import type { ReminderSettings } from '../../../functions/reminders/kinds.ts';
import type { WeeklyReport } from '../../../functions/reports/weekly-report.ts';
import type { ApiRecord, FieldError, PushResult, PushRow, TypeDescription } from '../sheet/catalogue.ts';
import { UserFacingError } from './user-facing-error.ts';

/**
 * The add-on's view of the records API. HTTP goes through a small port so that the same code
 * runs on `UrlFetchApp` in Apps Script and on a fake in tests; everything is synchronous, as
 * Apps Script is.
 */

export interface HttpRequest {
  url: string;
  method: 'get' | 'post' | 'put';
  headers: Record<string, string>;
  payload?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Sends requests in parallel and returns their responses in order; throws when the network fails. */
export interface Http {
  fetchAll(requests: HttpRequest[]): HttpResponse[];
}

/** A request the API answered with an error (problem+json), in words a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The API could not be reached or did not answer in time; the request may or may not have been processed. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** A page of a pull: the API always gives the cursor to pull from next. */
export type PullPage = Page<ApiRecord> & { cursor: string };

interface Problem {
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

function explain(status: number, body: string, what: string): ApiError {
  let problem: Problem = {};
  try {
    problem = JSON.parse(body) as Problem;
  } catch {
    // Not problem+json (a proxy's error page, say): fall back to the status.
  }
  const detail = problem.detail ?? problem.title ?? `the API answered ${status}`;
  if (status === 503) {
    // A part behind the API (its database) did not answer: nothing on the server changed, and the
    // add-on writes nothing to the sheet after a refused request, so every edit is still there.
    const why = problem.detail ?? 'try again in a minute.';
    return new ApiError(`The service is busy: ${why} Your edits are kept in the sheet.`, status, []);
  }
  const lead =
    status === 401
      ? 'The API did not accept your sign-in'
      : status === 403
        ? 'The API refused this'
        : status >= 500
          ? 'The API failed'
          : `The API could not ${what}`;
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
  return new ApiError(`${lead}: ${detail}${fields ? ` (${fields})` : ''}`, status, problem.errors ?? []);
}

export class ApiClient {
  /** Requests sent so far, for the sync log and the request budget. */
  requests = 0;

  constructor(
    private readonly http: Http,
    private readonly baseUrl: string,
    private readonly token: () => string,
  ) {}

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token()}`, Accept: 'application/json' };
  }

  private sendAll(requests: HttpRequest[]): HttpResponse[] {
    if (requests.length === 0) return [];
    this.requests += requests.length;
    try {
      return this.http.fetchAll(requests);
    } catch (error) {
      // Our own refusals (an address outside the allow-list, no sign-in) already say what to do.
      if (error instanceof UserFacingError) throw error;
      throw new NetworkError(
        `Could not reach the API at ${this.baseUrl} (${(error as Error).message}). Check the API address in Settings and try again in a few minutes; if it keeps failing, the API may be down: tell your Partnership Records administrator.`,
      );
    }
  }

  private getJson<T>(path: string, what: string): T {
    const [response] = this.sendAll([
      { url: `${this.baseUrl}${path}`, method: 'get', headers: this.headers() },
    ]);
    if (response?.status !== 200) throw explain(response?.status ?? 0, response?.body ?? '', what);
    return JSON.parse(response.body) as T;
  }

  /** A weekly report (an adviser's or a region's week; last week when no week is named). */
  weeklyReport(query: { adviserId?: string; regionId?: string; week?: string }): WeeklyReport {
    const params = [
      query.adviserId
        ? `adviser=${encodeURIComponent(query.adviserId)}`
        : `region=${encodeURIComponent(query.regionId ?? '')}`,
      ...(query.week ? [`week=${encodeURIComponent(query.week)}`] : []),
      'format=json',
    ];
    return this.getJson<WeeklyReport>(`/v1/reports/weekly?${params.join('&')}`, 'read the weekly report');
  }

  /** What an LEC group's next digest run would send, and to whom (nothing is sent). */
  digestPreview(groupId: string): DigestPreview {
    return this.getJson<DigestPreview>(
      `/v1/digests/${encodeURIComponent(groupId)}/preview`,
      "preview the group's digest",
    );
  }

  /** The signed-in person's reminder email settings: each kind daily, weekly or off. */
  reminderPreferences(): ReminderSettings {
    return this.getJson<ReminderSettings>('/v1/me/reminder-preferences', 'read your reminder settings');
  }

  /** Changes some kinds' cadence; the others keep theirs. */
  changeReminderPreferences(change: Record<string, string>): ReminderSettings {
    const [response] = this.sendAll([
      {
        url: `${this.baseUrl}/v1/me/reminder-preferences`,
        method: 'put',
        headers: { ...this.headers(), 'Content-Type': 'application/json' },
        payload: JSON.stringify(change),
      },
    ]);
    if (response?.status !== 200) {
      throw explain(response?.status ?? 0, response?.body ?? '', 'save your reminder settings');
    }
    return JSON.parse(response.body) as ReminderSettings;
  }

  /** Who the API says the person is: their role and regions, from the user directory. */
  me(): { role: string; regionIds: string[] } {
    return this.getJson<{ role: string; regionIds: string[] }>('/v1/me', 'read who you are signed in as');
  }

  /** The record types and their fields. */
  types(): TypeDescription[] {
    return this.getJson<{ items: TypeDescription[] }>('/v1/types', 'read the record types').items;
  }

  /** One page of changes since a cursor. */
  pullPage(path: string, regionId: string | undefined, cursor: string | undefined, limit = 500): PullPage {
    const query = [`limit=${limit}`];
    if (regionId) query.push(`region=${encodeURIComponent(regionId)}`);
    if (cursor) query.push(`since=${encodeURIComponent(cursor)}`);
    return this.getJson<PullPage>(`/v1/sync/${path}?${query.join('&')}`, `pull ${path}`);
  }

  /**
   * Every current record of several lists (reference lists for dropdowns): first pages in
   * parallel, then any further pages.
   */
  listAll(lists: { path: string; regionId?: string }[]): ApiRecord[][] {
    const url = (path: string, regionId?: string, cursor?: string) =>
      `${this.baseUrl}/v1/${path}?limit=500${regionId ? `&region=${encodeURIComponent(regionId)}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const read = (response: HttpResponse | undefined, path: string) => {
      if (response?.status !== 200)
        throw explain(response?.status ?? 0, response?.body ?? '', `list ${path}`);
      return JSON.parse(response.body) as { items: ApiRecord[]; more: boolean; cursor?: string };
    };
    const first = this.sendAll(
      lists.map(({ path, regionId }) => ({
        url: url(path, regionId),
        method: 'get' as const,
        headers: this.headers(),
      })),
    );
    return lists.map(({ path, regionId }, i) => {
      let page = read(first[i], path);
      const items = [...page.items];
      while (page.more && page.cursor) {
        page = read(
          this.sendAll([
            { url: url(path, regionId, page.cursor), method: 'get', headers: this.headers() },
          ])[0],
          path,
        );
        items.push(...page.items);
      }
      return items;
    });
  }

  /**
   * Pushes several chunks at once (UrlFetchApp.fetchAll runs them in parallel). Each chunk gets
   * its per-row outcomes, or an ApiError when the whole request was refused.
   */
  pushChunks(chunks: { path: string; rows: PushRow[] }[], dryRun: boolean): (PushResult | ApiError)[] {
    const responses = this.sendAll(
      chunks.map(({ path, rows }) => ({
        url: `${this.baseUrl}/v1/sync/${path}?dryRun=${dryRun}`,
        method: 'post' as const,
        headers: { ...this.headers(), 'Content-Type': 'application/json' },
        payload: JSON.stringify({ rows }),
      })),
    );
    return responses.map((response, i) =>
      response.status === 200
        ? (JSON.parse(response.body) as PushResult)
        : explain(response.status, response.body, `push ${chunks[i]!.path}`),
    );
  }
}
