import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AGGREGATED_TYPES } from '../functions/aggregate/record-contributions.ts';
import { buildSnapshot, DEFAULT_CONCURRENCY } from '../functions/aggregate/rollup.ts';
import { runPool } from '../functions/aggregate/task-pool.ts';
import type { StoredRecord } from '../functions/records/definition.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { ensureRecordsTable } from '../functions/store/create-table.ts';
import { CURRENT_SK, indexAttributes, recordPk, regionPartition } from '../functions/store/keys.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { TABLE_INDEXES } from '../functions/store/table-schema.ts';
import { startDynamoLocal } from '../local/dynamo-local.ts';

/**
 * `npx tsx bench/aggregate.ts`: the nightly aggregation over 10,000 and then 100,000 records,
 * against a raw parallel read of the same partitions with the SDK (same concurrency, no folding),
 * and the memory each uses. Records are written straight into the store's item layout with
 * BatchWrite: this measures aggregation, not the write path.
 */

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Record counts to measure, in order (each adds records to the last); BENCH_AGGREGATE_SIZES=10000,100000,200000. */
const SIZES = (process.env.BENCH_AGGREGATE_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = 5;
const DATE = '2026-11-18';
const TABLE = 'bench-aggregate';
const REGIONS = Array.from({ length: 16 }, (_, i) => `region-${String(i + 1).padStart(2, '0')}`);
const COUNCILS_PER_REGION = 4;
const GROUPS_PER_REGION = 3;

/** Shares of the records beyond the reference data (regions, councils, LEC groups). */
const MIX: [string, number][] = [
  ['activity', 0.45],
  ['indicator', 0.1],
  ['strategy', 0.1],
  ['action', 0.1],
  ['membership', 0.08],
  ['publicity', 0.05],
  ['communication', 0.04],
  ['practice', 0.04],
  ['agreement', 0.04],
];

/** A small deterministic generator, so every run writes the same records. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syntheticRecords(from: number, count: number): StoredRecord[] {
  const next = random(from + 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const day = (start: string, spanDays: number) =>
    new Date(Date.parse(`${start}T00:00:00Z`) + Math.floor(next() * spanDays) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  // 2026-05-04 is a Monday: report weeks over the 28 weeks that follow.
  const monday = () =>
    new Date(Date.UTC(2026, 4, 4) + Math.floor(next() * 28) * 7 * 86_400_000).toISOString().slice(0, 10);
  const records: StoredRecord[] = [];
  const system = (
    type: string,
    id: string,
    regionId: string,
    values: Record<string, unknown>,
    councilId?: string,
  ) => {
    const at = new Date(Date.UTC(2026, 10, 1) + Math.floor(next() * 20 * 86_400_000)).toISOString();
    records.push({
      id,
      type,
      regionId,
      councilId,
      version: 1,
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at,
      updatedBy: 'bench',
      values,
    });
  };
  if (from === 0) {
    for (const regionId of REGIONS) {
      system('region', regionId, regionId, { name: `Region ${regionId.slice(-2)}`, cegRegion: true });
      for (let c = 0; c < COUNCILS_PER_REGION; c++) {
        system('council', `${regionId}-council-${c}`, regionId, {
          name: `Council ${c} of ${regionId}`,
          kind: 'district',
          regionId,
          taskforceMember: c < 3,
          ...(c < 3 ? { memberSince: '2001-03-01' } : {}),
        });
      }
      for (let g = 0; g < GROUPS_PER_REGION; g++) {
        system('lec-group', `${regionId}-group-${g}`, regionId, {
          regionId,
          name: `LEC group ${g} of ${regionId}`,
          planReviewedOn: day('2025-06-01', 500),
        });
      }
    }
  }
  const remaining = count - records.length;
  for (let i = 0; i < remaining; i++) {
    const n = from + i;
    let roll = next();
    let type = MIX[0]![0];
    for (const [t, share] of MIX) {
      if (roll < share) {
        type = t;
        break;
      }
      roll -= share;
    }
    const regionId = pick(REGIONS);
    const councilId = `${regionId}-council-${Math.floor(next() * 3)}`;
    const groupId = `${regionId}-group-${Math.floor(next() * GROUPS_PER_REGION)}`;
    const id = `${type}-${n}`;
    switch (type) {
      case 'activity':
        system(
          type,
          id,
          regionId,
          {
            adviserId: `${regionId}-adviser-${Math.floor(next() * 5)}`,
            councilId,
            weekStarting: monday(),
            kind: 'planning',
            hours: Math.round(next() * 1600) / 100,
            projectName: 'MTFJ Council',
            nonFunded: true,
          },
          councilId,
        );
        break;
      case 'indicator':
        system(
          type,
          id,
          regionId,
          {
            councilId,
            period: pick(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']),
            peopleNotInWorkOrTraining: 1000 + Math.floor(next() * 9000),
            youngPeopleNotInWorkOrTraining: Math.floor(next() * 900),
          },
          councilId,
        );
        break;
      case 'strategy': {
        const status = pick(['proposed', 'active', 'completed', 'discontinued'] as const);
        const startedOn = day('2025-01-01', 600);
        system(
          type,
          id,
          regionId,
          {
            councilId,
            title: `Strategy ${n}`,
            goal: pick(['2005-youth', '2009-all']),
            needIds: [],
            jointlySupported: next() < 0.6,
            status,
            ...(next() < 0.5 ? { buildsOn: 'An existing network' } : {}),
            ...(status === 'active' || status === 'completed' ? { startedOn } : {}),
            ...(status === 'completed' ? { completedOn: day(startedOn, 200) } : {}),
            peopleIntoWorkOrTraining: Math.floor(next() * 40),
            youngPeopleIntoWorkOrTraining: Math.floor(next() * 10),
          },
          councilId,
        );
        break;
      }
      case 'action': {
        const status = pick(['open', 'in-progress', 'done', 'cancelled'] as const);
        system(type, id, regionId, {
          lecGroupId: groupId,
          title: `Action ${n}`,
          owner: `Owner ${n % 97}`,
          dueOn: day('2026-06-01', 300),
          status,
          ...(status === 'done' ? { completedOn: day('2026-06-01', 200) } : {}),
        });
        break;
      }
      case 'membership':
        system(type, `${groupId}--org-${n}`, regionId, {
          lecGroupId: groupId,
          organisationId: `org-${n}`,
          seniorCommitment: next() < 0.6,
          inBusinessPlan: next() < 0.3,
          joinedOn: day('2024-01-01', 900),
        });
        break;
      case 'publicity':
        system(type, id, regionId, {
          strategyId: `strategy-${n}`,
          title: `Announcement ${n}`,
          channel: 'media-release',
          acknowledgesCeg: next() < 0.7,
          acknowledgesTaskforce: next() < 0.7,
          status: pick(['draft', 'approved', 'published']),
        });
        break;
      case 'communication':
        system(type, id, regionId, {
          regionId,
          subject: `Update ${n}`,
          audience: 'Employers',
          agreedByCeg: next() < 0.7,
          agreedByTaskforce: next() < 0.7,
          status: 'draft',
        });
        break;
      case 'practice':
        system(type, id, regionId, {
          regionId,
          title: `Practice ${n}`,
          summary: 'What worked, and what did not, in some detail.',
        });
        break;
      default:
        system(
          type,
          id,
          regionId,
          {
            councilId,
            adviserId: `${regionId}-adviser-0`,
            expectations: 'Monthly meetings with the mayor.',
            status: pick(['draft', 'agreed']),
            agreedOn: day('2025-01-01', 600),
          },
          councilId,
        );
    }
  }
  return records;
}

async function writeRecords(client: DynamoDBDocumentClient, records: StoredRecord[]): Promise<void> {
  const batches: StoredRecord[][] = [];
  for (let i = 0; i < records.length; i += 25) batches.push(records.slice(i, i + 25));
  await runPool(
    batches.map((batch) => async () => {
      let requests: Record<string, unknown>[] | undefined = batch.map((record) => ({
        PutRequest: {
          Item: {
            pk: recordPk(record.type, record.id),
            sk: CURRENT_SK,
            ...record,
            ...indexAttributes(record),
          },
        },
      }));
      for (let attempt = 0; requests && requests.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * attempt));
        const result = await client.send(
          new BatchWriteCommand({ RequestItems: { [TABLE]: requests as never } }),
        );
        requests = result.UnprocessedItems?.[TABLE] as Record<string, unknown>[] | undefined;
      }
    }),
    16,
  );
}

/** The baseline: the same partitions queried in parallel with the SDK, pages counted and dropped. */
async function rawParallelRead(client: DynamoDBDocumentClient): Promise<number> {
  let items = 0;
  const regionIds: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: TABLE_INDEXES.byType.name,
        KeyConditionExpression: 'gsi3pk = :p',
        ExpressionAttributeValues: { ':p': 'region' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) regionIds.push(item.id as string);
    items += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  await runPool(
    regionIds.flatMap((regionId) =>
      AGGREGATED_TYPES.map((type) => async () => {
        let key: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: TABLE,
              IndexName: TABLE_INDEXES.byRegion.name,
              KeyConditionExpression: 'gsi1pk = :p',
              ExpressionAttributeValues: { ':p': regionPartition(type, regionId) },
              ExclusiveStartKey: key,
            }),
          );
          items += page.Items?.length ?? 0;
          key = page.LastEvaluatedKey;
        } while (key);
      }),
    ),
    DEFAULT_CONCURRENCY,
  );
  return items;
}

interface Measurement {
  ms: number;
  items: number;
  peakHeapMb: number;
  peakRssMb: number;
}

/** Runs `task` once, sampling memory every few milliseconds; heap is measured above a collected baseline. */
async function measure(task: () => Promise<number>): Promise<Measurement> {
  gc();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 5);
  const started = performance.now();
  const items = await task();
  const ms = performance.now() - started;
  clearInterval(sampler);
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  return {
    ms,
    items,
    peakHeapMb: (peakHeap - baseHeap) / 2 ** 20,
    peakRssMb: Math.max(peakRss, m.rss) / 2 ** 20,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-NZ', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const dynamo = await startDynamoLocal();
const raw = new DynamoDBClient({
  endpoint: dynamo.endpoint,
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
await ensureRecordsTable(raw, TABLE);
raw.destroy();
const client = createDocumentClient({ endpoint: dynamo.endpoint, localOnly: true });
const store = new RecordStore(client, TABLE);
const rows: string[] = [];

try {
  let written = 0;
  for (const size of SIZES) {
    const loadStarted = performance.now();
    await writeRecords(client, syntheticRecords(written, size - written));
    written = size;
    console.log(`Loaded ${fmt(size)} records (${fmt((performance.now() - loadStarted) / 1000, 1)} s)`);

    // Warm both paths once (JIT, connections, DynamoDB Local's caches), then alternate.
    await rawParallelRead(client);
    await buildSnapshot(store, { date: DATE });
    const rawRuns: Measurement[] = [];
    const aggregateRuns: Measurement[] = [];
    for (let run = 0; run < RUNS; run++) {
      rawRuns.push(await measure(() => rawParallelRead(client)));
      aggregateRuns.push(await measure(async () => (await buildSnapshot(store, { date: DATE })).recordsRead));
    }
    const rate = (runs: Measurement[]) => median(runs.map((r) => r.items / (r.ms / 1000)));
    const rawRate = rate(rawRuns);
    const aggregateRate = rate(aggregateRuns);
    // Each aggregation against the raw read just before it: a busy machine slows both of a pair alike.
    const ratio = median(aggregateRuns.map((a, i) => a.items / a.ms / (rawRuns[i]!.items / rawRuns[i]!.ms)));
    const line = [
      fmt(size),
      fmt(rawRate),
      fmt(aggregateRate),
      `${fmt(ratio * 100)}%`,
      fmt(median(rawRuns.map((r) => r.ms))),
      fmt(median(aggregateRuns.map((r) => r.ms))),
      fmt(Math.max(...rawRuns.map((r) => r.peakHeapMb)), 1),
      fmt(Math.max(...aggregateRuns.map((r) => r.peakHeapMb)), 1),
      fmt(Math.max(...aggregateRuns.map((r) => r.peakRssMb))),
    ].join(' | ');
    rows.push(`| ${line} |`);
    console.log(`| ${line} |`);
  }
  console.log(
    [
      '',
      `Nightly aggregation vs raw parallel Query of the same partitions (${DEFAULT_CONCURRENCY} in flight), DynamoDB Local in memory;`,
      `medians of ${RUNS} alternating runs; ratio = median over runs of aggregation items/s ÷ the raw read's just before:`,
      '| records | raw items/s | aggregation items/s | ratio | raw ms | aggregation ms | raw peak heap MB | aggregation peak heap MB | aggregation peak RSS MB |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      'Peak heap is the high-water mark above the heap after a full collection, sampled every 5 ms.',
    ].join('\n'),
  );
} finally {
  client.destroy();
  await dynamo.stop();
}
