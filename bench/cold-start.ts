/**
 * API cold init: importing the bundled API handler in a fresh Node process, against a bare
 * `node -e ''` start, as issue 9 sets the budget (target: <= 1.5 x bare + 80 ms; it was + 100 ms).
 * The handler is bundled exactly as the CDK stack bundles it. Usage: npx tsx bench/cold-start.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { HANDLER_ENTRIES, PROJECT_ROOT } from '../infra/lib/handler-entries.ts';
import { lambdaEsbuildOptions } from '../infra/lib/lambda-esbuild-options.ts';

const RUNS = Number(process.argv[2] ?? 15);
/** Issue 9's budget for the handler's import: 1.5 x a bare Node start + 80 ms. */
const BUDGET_FACTOR = 1.5;
const BUDGET_EXTRA_MS = 80;
// Inside the project so that the external AWS SDK resolves from node_modules, as in Lambda's runtime.
const outDir = path.join(PROJECT_ROOT, '.scratch/cold-start');
mkdirSync(outDir, { recursive: true });
const bundle = path.join(outDir, 'api.mjs');

const built = await esbuild.build(lambdaEsbuildOptions(HANDLER_ENTRIES.api));
const code = built.outputFiles.find((file) => file.path.endsWith('.mjs'))!;
writeFileSync(bundle, code.contents);

const env = {
  ...process.env,
  TABLE_NAME: 'cold-start',
  AWS_REGION: 'ap-southeast-2',
  AUTH_ISSUERS: '[]',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

function timeRuns(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { env, stdio: 'pipe' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)]!;
// Alternate the two so that machine load affects both alike.
const bare: number[] = [];
const handler: number[] = [];
for (let round = 0; round < 3; round++) {
  bare.push(...timeRuns(['-e', '']));
  handler.push(
    ...timeRuns([
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(bundle)}).then((m) => { if (typeof m.handler !== 'function') throw new Error('no handler'); })`,
    ]),
  );
}
const bareMs = median(bare.sort((a, b) => a - b));
const handlerMs = median(handler.sort((a, b) => a - b));
const budget = BUDGET_FACTOR * bareMs + BUDGET_EXTRA_MS;
console.log(`bundle: ${code.contents.byteLength} bytes minified`);
console.log(`bare node start: ${bareMs.toFixed(0)} ms (median of ${bare.length})`);
console.log(
  `node start + import of the API handler: ${handlerMs.toFixed(0)} ms (median of ${handler.length})`,
);
console.log(
  `target: <= ${BUDGET_FACTOR} x bare + ${BUDGET_EXTRA_MS} ms = ${budget.toFixed(0)} ms -> ${handlerMs <= budget ? 'met' : 'missed'}`,
);
