import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { browserBundleOptions } from '../dashboard/browser-bundle.ts';

/** The partner pages' sources; they are built into the dashboard site, under partners/. */
export const PARTNER_PAGES_DIR = import.meta.dirname;
export const PARTNER_PAGES = ['sign-offs', 'knowledge'] as const;

/**
 * Bundles the sign-off and knowledge-base pages (with oidc-client-ts and jsdiff) next to their
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
    [...PARTNER_PAGES.map((p) => `${p}.html`), 'partners.css'].map((file) =>
      copyFile(path.join(PARTNER_PAGES_DIR, file), path.join(outDir, file)),
    ),
  );
}
