import type { Snapshot } from '../../functions/aggregate/snapshot-schema.ts';
import type { Trends } from '../../functions/aggregate/trends.ts';

/**
 * Where the page finds its data: `latest.json` and `snapshots/…` next to the page itself, so the
 * same page works from CloudFront (site root) and from `npm start` (under /dashboard/).
 */
async function loadJson<T>(path: string): Promise<T | undefined> {
  const response = await fetch(new URL(path, document.baseURI), { headers: { accept: 'application/json' } });
  // S3 behind CloudFront answers 403 for a key that does not exist.
  if (response.status === 404 || response.status === 403) return undefined;
  if (!response.ok)
    throw new Error(`Could not load ${path}: the server answered ${response.status} ${response.statusText}.`);
  return (await response.json()) as T;
}

export const loadLatest = () => loadJson<Snapshot>('latest.json');

export const loadSnapshot = (date: string) => loadJson<Snapshot>(`snapshots/${date}.json`);

/** The compact trends series the aggregation writes; undefined for an archive made before it. */
export const loadTrends = () =>
  // Optional: whatever stops it loading, the page draws the trend from the snapshots instead.
  loadJson<Trends>('snapshots/trends.json').catch(() => undefined);

/** Dates with a snapshot, oldest first; empty before the first run. */
export async function loadDates(): Promise<string[]> {
  const index = await loadJson<{ dates: string[] }>('snapshots/index.json');
  return index?.dates ?? [];
}

/** Up to `count` snapshots on or before `date`, oldest first, for trends across snapshots. */
export async function loadHistory(
  dates: string[],
  date: string,
  count: number,
  known: Snapshot[],
): Promise<Snapshot[]> {
  const wanted = dates.filter((d) => d <= date).slice(-count);
  const cached = new Map(known.map((s) => [s.date, s]));
  const loaded = await Promise.all(wanted.map((d) => cached.get(d) ?? loadSnapshot(d)));
  return loaded.filter((s): s is Snapshot => s !== undefined);
}
