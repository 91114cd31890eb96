import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { writeApiDocs } from '../api-docs/build.ts';
import { buildPartnerPages } from '../partner-pages/build.ts';
import { browserBundleOptions } from './browser-bundle.ts';

/** Where the dashboard's sources are, and where `npm run dashboard:build` puts the page. */
export const DASHBOARD_DIR = import.meta.dirname;
export const DASHBOARD_DIST = path.join(DASHBOARD_DIR, 'dist');

/**
 * Bundles the dashboard (TypeScript and Chart.js) into one script next to its page and styles.
 * Nothing is fetched from other sites, so the page works offline and under a strict CSP.
 */
export async function buildDashboard(options: { outDir?: string; minify?: boolean } = {}): Promise<string> {
  const outDir = options.outDir ?? DASHBOARD_DIST;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(DASHBOARD_DIR, 'src/main.ts')],
    outfile: path.join(outDir, 'app.js'),
    ...browserBundleOptions(options),
  });
  await Promise.all(
    ['index.html', 'styles.css'].map((file) =>
      copyFile(path.join(DASHBOARD_DIR, file), path.join(outDir, file)),
    ),
  );
  // The API reference travels with the site, so the cloud serves it with no request elsewhere.
  await writeApiDocs(path.join(outDir, 'docs'));
  // The partners' sign-off and knowledge-base pages are served beside the dashboard.
  await buildPartnerPages(path.join(outDir, 'partners'), { minify: options.minify });
  return outDir;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = await buildDashboard();
  console.log(`Dashboard built in ${path.relative(process.cwd(), outDir) || '.'}`);
}
