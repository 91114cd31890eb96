import path from 'node:path';
import { addDays } from '../functions/aggregate/calendar.ts';
import { aggregateAndPublishDates } from '../functions/aggregate/nightly-run.ts';
import { publishSearchSnapshots } from '../functions/aggregate/search-snapshots.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { readCommandLine } from './command-line.ts';
import {
  DEFAULT_SNAPSHOT_DIR,
  localKnowledgeSnapshots,
  localSnapshotArchive,
} from './dashboard-extension.ts';

/**
 * `npm run aggregate [-- --date YYYY-MM-DD] [--history 12] [--out DIR]`: builds the dashboard
 * snapshot from the DynamoDB Local table `npm start` uses, into a local folder laid out like the
 * snapshot bucket, and then the knowledge index's snapshot, as the nightly run does in the cloud.
 * With --history, also the snapshots of that many weeks before the date.
 */
const USAGE = `Usage: npx tsx local/aggregate-cli.ts [--date YYYY-MM-DD] [--history WEEKS] [--out DIR] [--overwrite]
  --date       the snapshot date (default: today in New Zealand)
  --history    also build weekly snapshots for this many weeks before the date (default 0)
  --overwrite  rebuild history dates that already have a snapshot
  --out        the snapshot folder (default .local/snapshots)
Environment: DYNAMODB_ENDPOINT (default http://127.0.0.1:8000), TABLE_NAME (default partnership-records)`;

const { values, fail, day } = readCommandLine(USAGE, {
  date: { type: 'string' },
  history: { type: 'string', default: '0' },
  out: { type: 'string', default: DEFAULT_SNAPSHOT_DIR },
  overwrite: { type: 'boolean', default: false },
});
const date = day('date', values.date);
const weeks = Number(values.history);
if (!Number.isInteger(weeks) || weeks < 0 || weeks > 520)
  fail(`--history must be a whole number of weeks from 0 to 520, got "${values.history}"`);

const endpoint = process.env.DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000';
const tableName = process.env.TABLE_NAME ?? 'partnership-records';
const client = createDocumentClient({ endpoint, localOnly: true });
const store = new RecordStore(client, tableName);
const archive = localSnapshotArchive(path.resolve(values.out));

try {
  // The date is always rebuilt; history dates only when missing (or with --overwrite). One read for all.
  const existing = new Set(await archive.dates());
  const history = Array.from({ length: weeks }, (_, i) => addDays(date, -7 * (weeks - i))).filter(
    (d) => values.overwrite || !existing.has(d),
  );
  const { snapshots, published, durationMs } = await aggregateAndPublishDates(store, archive, {
    dates: [...history, date],
  });
  if (weeks > 0) {
    console.log(
      history.length === 0
        ? `History: all ${weeks} weekly snapshots before ${date} exist already (use --overwrite to rebuild them)`
        : `History: ${history.length} weekly snapshots from ${history[0]} to ${history.at(-1)}`,
    );
  }
  const files = published.reduce((n, p) => n + p.keys.length, 0);
  const kept = published.at(-1)!.latestMoved ? '' : ' (latest.json kept: it holds a newer date)';
  console.log(
    `Snapshot for ${date}: ${snapshots.at(-1)!.recordsRead} records read in ${durationMs} ms; ${files} files written in ${path.relative(process.cwd(), values.out) || '.'}${kept}`,
  );
  const search = await publishSearchSnapshots(store, localKnowledgeSnapshots(path.resolve(values.out)), {
    scope: tableName,
    rebuild: true,
  });
  console.log(`Knowledge base: search index of ${search.entries} entries saved (${search.durationMs} ms)`);
} catch (error) {
  const name = (error as Error).name;
  if (
    name === 'ResourceNotFoundException' ||
    (error as { code?: string }).code === 'ECONNREFUSED' ||
    name === 'TimeoutError'
  ) {
    console.error(
      `Could not read table "${tableName}" at ${endpoint}: ${(error as Error).message || name}. Start the local system with "npm start" first (or set DYNAMODB_ENDPOINT and TABLE_NAME).`,
    );
  } else {
    console.error(error);
  }
  process.exitCode = 1;
} finally {
  client.destroy();
}
