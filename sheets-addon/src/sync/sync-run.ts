import type { TypeDescription } from '../sheet/catalogue.ts';
import { type LogEntry, withLogEntry } from '../sheet/sync-log.ts';
import { ApiClient } from './api-client.ts';
import type { Environment, Workbook } from './ports.ts';
import { DocumentState, type Settings } from './settings.ts';
import { UserFacingError } from './user-facing-error.ts';

/** Errors already written to the Sync log by the run that failed. */
const loggedErrors = new WeakSet<object>();

/** Whether a run has already written this failure to the Sync log. */
export function isLogged(error: unknown): boolean {
  return typeof error === 'object' && error !== null && loggedErrors.has(error);
}

/** Adds one line to the Sync log (newest first). */
export function writeLogLine(workbook: Workbook, entry: LogEntry): void {
  workbook.log.write(withLogEntry(workbook.log.read(), entry));
}

/**
 * One sync run (pull, push, preview, undo…): its settings, API client, clock and log line.
 * Every run ends with exactly one line in the Sync log, whether it worked or not.
 */
export class SyncRun {
  readonly state: DocumentState;
  readonly settings: Settings;
  readonly api: ApiClient;
  private readonly started: number;
  private finished = false;

  constructor(
    readonly env: Environment,
    readonly workbook: Workbook,
    readonly action: string,
  ) {
    this.state = new DocumentState(env.documentStore);
    const settings = this.state.settings();
    if (!settings)
      throw new UserFacingError(
        'Open Settings in the Partnership Records sidebar and enter the API address first.',
      );
    this.settings = settings;
    this.api = new ApiClient(env.http, settings.apiUrl, () => env.token());
    this.started = env.now().getTime();
  }

  /** The record types this spreadsheet keeps, as set-up last stored them. */
  types(only?: readonly string[]): TypeDescription[] {
    return (only ?? this.settings.types).map((name) => {
      const type = this.state.type(name);
      if (!type)
        throw new UserFacingError(
          `Run "Set up / repair tabs" first: the tab for "${name}" has not been set up.`,
        );
      return type;
    });
  }

  /** Whether there is time for another step before Apps Script's 6-minute limit. */
  hasTime(): boolean {
    return this.env.now().getTime() - this.started < this.env.timeBudgetMs;
  }

  /** Whether a tab may still be written: past the write deadline only the Sync log line is. */
  mayStillWrite(): boolean {
    return this.env.now().getTime() - this.started < this.env.writeDeadlineMs;
  }

  progress(done: number, total: number, message: string): void {
    this.state.saveProgress({
      action: this.action,
      done,
      total,
      message,
      updatedAt: this.env.now().toISOString(),
    });
  }

  /** Writes the run's line in the Sync log and the status the sidebar shows. */
  finish(ok: boolean, details: string): void {
    if (this.finished) return;
    this.finished = true;
    const now = this.env.now();
    const when = this.env.formatTime(now);
    writeLogLine(this.workbook, {
      when,
      who: this.env.user(),
      action: this.action,
      ok,
      details,
      requests: this.api.requests,
      seconds: (now.getTime() - this.started) / 1000,
    });
    this.state.saveLastRun({ action: this.action, at: when, ok, summary: details });
    this.state.saveProgress(undefined);
  }

  /** Runs `work` under the document lock; failures are logged in plain words and passed on. */
  static run<T>(
    env: Environment,
    workbook: Workbook,
    action: string,
    work: (run: SyncRun) => { result: T; ok: boolean; details: string },
  ): T {
    return env.withLock(() => {
      const run = new SyncRun(env, workbook, action);
      try {
        const { result, ok, details } = work(run);
        run.finish(ok, details);
        return result;
      } catch (error) {
        run.finish(false, (error as Error).message);
        if (typeof error === 'object' && error !== null) loggedErrors.add(error);
        throw error;
      }
    });
  }
}
