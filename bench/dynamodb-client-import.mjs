/**
 * Import cost of each DynamoDB client in a fresh Node process, alternated, medians of 9, against a
 * bare `node -e ''` start. aws-lite is not a project dependency: install it beside, first:
 *   npm install --prefix .scratch/aws-lite @aws-lite/client @aws-lite/dynamodb
 *   node bench/dynamodb-client-import.mjs
 */
import { spawnSync } from 'node:child_process';

const root = new URL('../', import.meta.url).pathname;
const cwd = `${root}.scratch/aws-lite`;
const cases = {
  bare: [],
  'aws-sdk v3 (client-dynamodb + lib-dynamodb)': [
    '--input-type=module',
    '-e',
    `await import('${root}node_modules/@aws-sdk/client-dynamodb/dist-es/index.js').catch(()=>import('@aws-sdk/client-dynamodb')); await import('@aws-sdk/lib-dynamodb')`,
  ],
  'aws-lite (client + dynamodb plugin)': [
    '--input-type=module',
    '-e',
    `const c = (await import('@aws-lite/client')).default; const d = (await import('@aws-lite/dynamodb')).default; await c({ region: 'ap-southeast-2', accessKeyId: 'x', secretAccessKey: 'y', plugins: [d] })`,
  ],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < 9; round++) {
  for (const [name, args] of Object.entries(cases)) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args.length ? args : ['-e', ''], {
      cwd: name.startsWith('aws-lite') ? cwd : root,
      stdio: 'pipe',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    if (r.status !== 0) throw new Error(name + ': ' + r.stderr);
    times[name].push(performance.now() - t);
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(46)} ${median(xs).toFixed(0)} ms`);
