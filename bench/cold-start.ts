/**
 * API cold init: importing each bundled API function's handler in a fresh Node process, against a
 * bare `node -e ''` start, as issue 9 sets the budget (target: <= 1.5 x bare + 80 ms; it was + 100 ms).
 * Each handler is bundled exactly as the CDK stack bundles it.
 *
 *   npx tsx bench/cold-start.ts [runs] [handler ...]   # handlers as in infra/lib/handler-entries.ts;
 *                                                       # default: every API function, all areas in
 *                                                       # one (bench/all-areas-handler.ts) and the
 *                                                       # SDK client alone (bench/sdk-only-handler.ts)
 *
 * A handler may also be a bundle this script wrote in another checkout (its
 * `.scratch/cold-start/<name>.mjs`), to compare a change with the code before it in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { API_FUNCTION_HANDLERS, HANDLER_ENTRIES, PROJECT_ROOT } from '../infra/lib/handler-entries.ts';
import { lambdaEsbuildOptions } from '../infra/lib/lambda-esbuild-options.ts';

const RUNS = Number(process.argv[2] ?? 15);
/** Issue 9's budget for the handler's import: 1.5 x a bare Node start + 80 ms. */
const BUDGET_FACTOR = 1.5;
const BUDGET_EXTRA_MS = 80;
// Inside the project so that the external AWS SDK resolves from node_modules, as in Lambda's runtime.
/** Every area in one function, as the API was before its split: the baseline the functions are compared with. */
const ALL_AREAS = 'allAreasInOne';
/** Only the AWS SDK's DynamoDB client, which every API function loads: the floor under them all. */
const SDK_ONLY = 'awsSdkOnly';
const entries: Record<string, string> = {
  ...HANDLER_ENTRIES,
  [ALL_AREAS]: path.join(PROJECT_ROOT, 'bench/all-areas-handler.ts'),
  [SDK_ONLY]: path.join(PROJECT_ROOT, 'bench/sdk-only-handler.ts'),
};
type HandlerName = string;
/** A bundle built elsewhere (another checkout's .scratch/cold-start/*.mjs), imported as it is. */
const isBuiltBundle = (name: string) => name.endsWith('.mjs') && existsSync(name);
const names = (
  process.argv.length > 3
    ? process.argv.slice(3)
    : [SDK_ONLY, ALL_AREAS, ...Object.values(API_FUNCTION_HANDLERS)]
).map((name): HandlerName => {
  if (!(name in entries) && !isBuiltBundle(name))
    throw new Error(`Unknown handler '${name}'; choose from: ${Object.keys(entries).join(', ')}`);
  return name;
});
const outDir = path.join(PROJECT_ROOT, '.scratch/cold-start');
mkdirSync(outDir, { recursive: true });
const bundles = new Map<HandlerName, { file: string; bytes: number }>();
for (const name of names) {
  if (isBuiltBundle(name)) {
    bundles.set(name, { file: path.resolve(name), bytes: statSync(name).size });
    continue;
  }
  const built = await esbuild.build(lambdaEsbuildOptions(entries[name]!));
  const code = built.outputFiles.find((file) => file.path.endsWith('.mjs'))!;
  const file = path.join(outDir, `${name}.mjs`);
  writeFileSync(file, code.contents);
  bundles.set(name, { file, bytes: code.contents.byteLength });
}

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const importOf = (file: string) => [
  '--input-type=module',
  '-e',
  `await import(${JSON.stringify(file)}).then((m) => { if (typeof m.handler !== 'function') throw new Error('no handler'); })`,
];
// Alternate bare starts and imports so that machine load affects them alike.
const bare: number[] = [];
const imports = new Map<HandlerName, number[]>(names.map((name) => [name, []]));
for (let round = 0; round < 3; round++) {
  bare.push(...timeRuns(['-e', '']));
  for (const name of names) imports.get(name)!.push(...timeRuns(importOf(bundles.get(name)!.file)));
}
const bareMs = median(bare);
const budget = BUDGET_FACTOR * bareMs + BUDGET_EXTRA_MS;
console.log(`bare node start: ${bareMs.toFixed(0)} ms (median of ${bare.length})`);
console.log(`target for each: <= ${BUDGET_FACTOR} x bare + ${BUDGET_EXTRA_MS} ms = ${budget.toFixed(0)} ms`);
for (const name of names) {
  const ms = median(imports.get(name)!);
  console.log(
    `${name.padEnd(15)} ${String(bundles.get(name)!.bytes).padStart(7)} bytes  node start + import: ${ms.toFixed(0)} ms (median of ${imports.get(name)!.length}) -> ${ms <= budget ? 'met' : 'missed'}`,
  );
}
