/**
 * What tracing the AWS calls costs the API bundle: the same tiny handler bundled as the stack bundles
 * functions (infra/lib/lambda-esbuild-options.ts), with no tracing, with this project's X-Ray
 * subsegment middleware, and with Powertools Tracer. Prints bytes and the difference to no tracing.
 *
 *   npm run bench:tracing
 */
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../infra/lib/handler-entries.ts';
import { lambdaEsbuildOptions } from '../infra/lib/lambda-esbuild-options.ts';

const HANDLER = `export const handler = async () => client.send(new GetItemCommand({ TableName: 't', Key: {} }));`;
const VARIANTS: Record<string, string> = {
  'no tracing': `
    import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
    const client = new DynamoDBClient({});
    ${HANDLER}`,
  'X-Ray subsegment middleware (this project)': `
    import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
    import { traceAwsClient } from './functions/observability/xray-subsegments.ts';
    const client = traceAwsClient(new DynamoDBClient({}));
    ${HANDLER}`,
  'Powertools Tracer 2.36 (captureAWSv3Client)': `
    import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
    import { Tracer } from '@aws-lambda-powertools/tracer';
    const tracer = new Tracer({ serviceName: 'records-api' });
    const client = tracer.captureAWSv3Client(new DynamoDBClient({}));
    ${HANDLER}`,
};

async function bundledSize(contents: string) {
  const { entryPoints: _, ...options } = lambdaEsbuildOptions('unused');
  const result = await esbuild.build({
    ...options,
    stdin: { contents, resolveDir: PROJECT_ROOT, loader: 'ts', sourcefile: 'handler.ts' },
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))!.contents;
  return { minified: code.byteLength, gzip: gzipSync(code).byteLength };
}

const sizes = Object.fromEntries(
  await Promise.all(
    Object.entries(VARIANTS).map(async ([name, source]) => [name, await bundledSize(source)] as const),
  ),
);
const base = sizes['no tracing']!;
for (const [name, size] of Object.entries(sizes)) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `${name.padEnd(44)} ${kib(size.minified).padStart(10)} (+${kib(size.minified - base.minified)})  gzip ${kib(size.gzip).padStart(9)} (+${kib(size.gzip - base.gzip)})`,
  );
}
