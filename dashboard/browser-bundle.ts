import type { BuildOptions } from 'esbuild';

/**
 * How the site's browser code is bundled (the dashboard and the partner pages alike): one ES module
 * per page for current browsers, minified unless asked not to, with linked source maps and licences.
 */
export function browserBundleOptions(options: { minify?: boolean }): BuildOptions {
  return {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
  };
}
