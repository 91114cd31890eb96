/**
 * Bundles a Lambda handler exactly as the stack does (same options object as NodeFunction) and prints
 * its minified and gzipped size, plus the inputs that weigh most.
 *
 *   npx tsx infra/measure-bundle.ts            # the API handler
 *   npx tsx infra/measure-bundle.ts aggregate  # the nightly aggregation handler
 */
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { HANDLER_ENTRIES } from './lib/handler-entries.ts';
import { lambdaEsbuildOptions } from './lib/lambda-esbuild-options.ts';

type HandlerName = keyof typeof HANDLER_ENTRIES;
const TOP_INPUTS = 8;

function handlerName(argument: string | undefined): HandlerName {
  const name = argument ?? 'api';
  if (!(name in HANDLER_ENTRIES)) {
    throw new Error(`Unknown handler '${name}'; choose one of: ${Object.keys(HANDLER_ENTRIES).join(', ')}`);
  }
  return name as HandlerName;
}

/** Groups bundled bytes by npm package (or `project` for our own files). */
function heaviestInputs(metafile: esbuild.Metafile): [string, number][] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const owner = match?.[1] ?? 'project';
      byPackage.set(owner, (byPackage.get(owner) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, TOP_INPUTS);
}

const name = handlerName(process.argv[2]);
const result = await esbuild.build(lambdaEsbuildOptions(HANDLER_ENTRIES[name]));
const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
if (!code) throw new Error('esbuild produced no .mjs output');

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const minified = code.contents.byteLength;
const gzipped = gzipSync(code.contents).byteLength;
console.log(`handler: ${name} (${HANDLER_ENTRIES[name]})`);
console.log(`minified: ${minified} bytes (${kib(minified)})`);
console.log(`gzip:     ${gzipped} bytes (${kib(gzipped)})`);
console.log('heaviest inputs:');
for (const [owner, bytes] of heaviestInputs(result.metafile))
  console.log(`  ${owner.padEnd(36)} ${kib(bytes)}`);
