import type * as esbuild from 'esbuild';
import { LAMBDA_BUNDLE } from './node-function.ts';

/** The esbuild options NodejsFunction derives from LAMBDA_BUNDLE (see aws-lambda-nodejs bundling). */
export function lambdaEsbuildOptions(entry: string): esbuild.BuildOptions & { metafile: true; write: false } {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLE.target,
    format: LAMBDA_BUNDLE.format as esbuild.Format,
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourceMap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    external: [...LAMBDA_BUNDLE.externalModules],
    banner: { js: LAMBDA_BUNDLE.banner },
    outfile: 'index.mjs',
    write: false,
    metafile: true,
    logLevel: 'warning',
  };
}
