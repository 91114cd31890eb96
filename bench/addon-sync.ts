/**
 * The Sheets add-on pushing and pulling N activities (5,000 by default, ADDON_BENCH_ROWS to
 * change) through its built code, in the Apps Script fakes, against the real API in its own
 * process on a fresh DynamoDB Local. Prints requests sent, range calls on the tab and time per
 * step, and a baseline: the same number of rows pushed straight to the sync route by a plain
 * HTTP client, so the add-on's own overhead shows as a ratio.
 *
 *   npx tsx bench/addon-sync.ts
 */
import { randomUUID } from 'node:crypto';
import { startDynamoLocal } from '../local/dynamo-local.ts';
import { AddonSession, buildForTest, newDocument } from '../test/support/addon/addon-runtime.ts';
import { seedWorld } from '../test/support/factories.ts';
import { startOutOfProcessApi } from '../test/support/out-of-process-api.ts';

const ROWS = Number(process.env.ADDON_BENCH_ROWS ?? 5000);
const TAB = 'Activities';

function monday(i: number): string {
  return new Date(Date.UTC(2026, 0, 5) + 7 * 86_400_000 * (i % 520)).toISOString().slice(0, 10);
}

interface Step {
  step: string;
  requests: number;
  rangeCalls: number | string;
  seconds: number;
}

function measure(session: AddonSession, step: string, work: () => void): Step {
  const requests = session.requests;
  session.spreadsheet.log.reset();
  const started = performance.now();
  work();
  return {
    step,
    requests: session.requests - requests,
    rangeCalls: session.spreadsheet.log.rangeCalls(TAB),
    seconds: (performance.now() - started) / 1000,
  };
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoLocal();
  const api = await startOutOfProcessApi(dynamo.endpoint, `bench-addon-${randomUUID()}`);
  try {
    const seeded = await seedWorld(api);
    const build = await buildForTest(new URL(api.baseUrl).origin);
    const open = () =>
      new AddonSession(build, newDocument(), 'cant@ceg.example.nz', seeded.tokens.canterbury);
    const configure = (session: AddonSession) => {
      session.call('saveSettings', {
        apiUrl: api.baseUrl,
        regionId: 'canterbury',
        types: ['activity'],
        hourlyPull: false,
      });
      session.call('setUpTabs');
    };

    const pusher = open();
    configure(pusher);
    const sheet = pusher.spreadsheet.tab(TAB);
    if (sheet.getMaxRows() < ROWS + 1)
      sheet.insertRowsAfter(sheet.getMaxRows(), ROWS + 1 - sheet.getMaxRows());
    for (let i = 0; i < ROWS; i++)
      sheet.typeRow(i + 2, [
        '',
        '',
        seeded.adviserId,
        'christchurch-city',
        monday(i),
        'planning',
        (i % 40) + 0.5,
      ]);

    const steps: Step[] = [];
    steps.push(measure(pusher, `preview (dry run) of ${ROWS} new rows`, () => pusher.call('previewPush')));
    steps.push(measure(pusher, `push of ${ROWS} new rows`, () => pusher.call('confirmPush')));
    steps.push(measure(pusher, 'push with nothing changed', () => pusher.call('confirmPush')));
    for (let i = 0; i < ROWS; i++) sheet.type(i + 2, sheet.column('Hours'), (i % 40) + 1);
    steps.push(measure(pusher, `preview of ${ROWS} edited rows`, () => pusher.call('previewPush')));
    steps.push(measure(pusher, `push of ${ROWS} edited rows`, () => pusher.call('confirmPush')));
    const puller = open();
    configure(puller);
    steps.push(measure(puller, `pull of ${ROWS} rows into a new spreadsheet`, () => puller.call('pullNow')));
    steps.push(measure(puller, 'pull with nothing new', () => puller.call('pullNow')));

    // Baseline: the same rows straight to the sync route, 500 per request, all requests at once.
    // First let the event loop notice the sockets the server closed while the add-on blocked it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: randomUUID(),
      values: {
        adviserId: seeded.adviserId,
        councilId: 'christchurch-city',
        weekStarting: monday(i),
        kind: 'planning',
        hours: (i % 40) + 0.5,
      },
    }));
    const started = performance.now();
    const chunks = Array.from({ length: Math.ceil(ROWS / 500) }, (_, i) =>
      rows.slice(i * 500, i * 500 + 500),
    );
    const answers = await Promise.all(
      chunks.map((chunk) =>
        api.request('POST', '/v1/sync/activities?dryRun=false', {
          token: seeded.tokens.canterbury,
          body: { rows: chunk },
        }),
      ),
    );
    if (answers.some((a) => a.status !== 200 || a.body.counts.created !== a.body.rows.length))
      throw new Error('baseline push failed');
    const baseline: Step = {
      step: `baseline: ${ROWS} rows POSTed straight to /v1/sync`,
      requests: chunks.length,
      rangeCalls: '-',
      seconds: (performance.now() - started) / 1000,
    };

    const push = steps.find((s) => s.step.startsWith('push of') && s.step.endsWith('new rows'))!;
    console.log(
      `\nSheets add-on sync, ${ROWS} activities (DynamoDB Local; API in its own process; add-on code from dist/ in the Apps Script fakes)\n`,
    );
    console.log('| step | requests | range calls on the tab | seconds |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const s of [...steps, baseline])
      console.log(`| ${s.step} | ${s.requests} | ${s.rangeCalls} | ${s.seconds.toFixed(1)} |`);
    console.log(
      `\nAdd-on push time / baseline push time: ${(push.seconds / baseline.seconds).toFixed(2)} (target: one execution, <= 12 requests, O(1) range calls per tab)`,
    );
    await Promise.all([pusher.close(), puller.close()]);
  } finally {
    await api.close();
    await dynamo.stop();
  }
}

await main();
