import { canonicalJson } from '../domain/canonical-json.ts';
import { toCsv } from './csv.ts';
import { INDEX_KIND, SNAPSHOT_FILES, SnapshotFiles } from './snapshot-files.ts';
import { type Snapshot, snapshotJsonSchema } from './snapshot-schema.ts';
import { snapshotTables } from './snapshot-tables.ts';
import { limitListsToRegions } from './snapshot-visibility.ts';
import { TRENDS_KIND, type Trends, withTrendPoint } from './trends.ts';

const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';

export interface PublishResult {
  date: string;
  keys: string[];
  /** False when `latest.json` already held a newer date and was left alone. */
  latestMoved: boolean;
}

/** The snapshot history, written and read: dated JSON, CSV tables, the index of dates and `latest`. */
export class SnapshotArchive extends SnapshotFiles {
  /**
   * Stores a snapshot. Re-publishing a date overwrites that date's files exactly; `latest.json`
   * only moves forward, so backfilling an older date never hides a newer one. Files are written so
   * that anything a reader can find already exists: tables and the dated file, then the index,
   * then `latest.json`. Each JSON file also gets its public copy (see SNAPSHOT_FILES.publicPrefix).
   */
  async publish(snapshot: Snapshot): Promise<PublishResult> {
    const keys: string[] = [];
    const put = async (key: string, body: string, type: string) => {
      await this.sink.put(key, body, type);
      keys.push(key);
    };
    const body = canonicalJson(snapshot, 2);
    const publicBody = canonicalJson(limitListsToRegions(snapshot, []), 2);
    const publicKey = (key: string) => `${SNAPSHOT_FILES.publicPrefix}${key}`;
    await Promise.all(
      snapshotTables(snapshot).map((t) =>
        put(SNAPSHOT_FILES.table(snapshot.date, t.name), toCsv(t.columns, t.rows), CSV_TYPE),
      ),
    );
    await put(SNAPSHOT_FILES.snapshot(snapshot.date), body, JSON_TYPE);
    await put(publicKey(SNAPSHOT_FILES.snapshot(snapshot.date)), publicBody, JSON_TYPE);
    await put(SNAPSHOT_FILES.schema, canonicalJson(snapshotJsonSchema()), 'application/schema+json');

    // The trends file before the index: a reader that finds a date in the index finds its point.
    const trends = canonicalJson(withTrendPoint(await this.trends(), snapshot));
    await put(SNAPSHOT_FILES.trends, trends, JSON_TYPE);
    await put(publicKey(SNAPSHOT_FILES.trends), trends, JSON_TYPE);

    const dates = await this.dates();
    if (!dates.includes(snapshot.date)) {
      const index = canonicalJson({ kind: INDEX_KIND, dates: [...dates, snapshot.date].sort() });
      await put(publicKey(SNAPSHOT_FILES.index), index, JSON_TYPE);
      await put(SNAPSHOT_FILES.index, index, JSON_TYPE);
    }

    const latest = await this.latest();
    const latestMoved = !latest || latest.date <= snapshot.date;
    if (latestMoved) {
      await put(publicKey(SNAPSHOT_FILES.latest), publicBody, JSON_TYPE);
      await put(SNAPSHOT_FILES.latest, body, JSON_TYPE);
    }
    return { date: snapshot.date, keys: keys.sort(), latestMoved };
  }

  /** The trends series as stored, or undefined before the first publish (or when unreadable). */
  async trends(): Promise<Trends | undefined> {
    const text = await this.sink.get(SNAPSHOT_FILES.trends);
    if (!text) return undefined;
    const parsed = JSON.parse(text) as Trends;
    return parsed.kind === TRENDS_KIND && Array.isArray(parsed.points) ? parsed : undefined;
  }
}
