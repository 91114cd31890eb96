/**
 * The Sync log tab: one line per run, newest first, so "what happened last night?" is answered
 * where people look. Old lines beyond the limit are dropped.
 */

export const LOG_HEADERS = ['When', 'Who', 'Action', 'Result', 'Details', 'Requests', 'Seconds'] as const;

/** How many runs the log keeps. */
const LOG_LIMIT = 200;

export interface LogEntry {
  when: string;
  who: string;
  action: string;
  ok: boolean;
  /** "Activities: 12 new, 3 changed" and the like. */
  details: string;
  requests: number;
  seconds: number;
}

function logRow(entry: LogEntry): (string | number)[] {
  return [
    entry.when,
    entry.who,
    entry.action,
    entry.ok ? 'ok' : 'FAILED',
    entry.details,
    entry.requests,
    Math.round(entry.seconds * 10) / 10,
  ];
}

/** The log's rows with a new entry on top. */
export function withLogEntry(
  rows: readonly (readonly unknown[])[],
  entry: LogEntry,
  limit = LOG_LIMIT,
): unknown[][] {
  return [logRow(entry), ...rows.map((r) => [...r])].slice(0, limit);
}
