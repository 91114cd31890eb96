import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { browserBundleOptions } from '../dashboard/browser-bundle.ts';

/** The partner pages' sources; they are built into the dashboard site, under partners/. */
export const PARTNER_PAGES_DIR = import.meta.dirname;
export const PARTNER_PAGES = ['sign-offs', 'knowledge', 'records'] as const;
/** The pages' HTML: the record and council pages share records.js. */
const PAGE_FILES = ['sign-offs.html', 'knowledge.html', 'record.html', 'council.html'];

/**
 * Bundles the sign-off, knowledge-base, record and council pages (with oidc-client-ts and jsdiff) next to their
 * HTML and styles. They sit beside the dashboard and share its styles.css (one level up).
 */
export async function buildPartnerPages(outDir: string, options: { minify?: boolean } = {}): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: PARTNER_PAGES.map((page) => path.join(PARTNER_PAGES_DIR, 'src', `${page}.ts`)),
    outdir: outDir,
    ...browserBundleOptions(options),
  });
  await Promise.all(
    [...PAGE_FILES, 'partners.css'].map((file) =>
      copyFile(path.join(PARTNER_PAGES_DIR, file), path.join(outDir, file)),
    ),
  );
}
