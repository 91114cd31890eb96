/**
 * Builds the add-on for Apps Script: one script file, the manifest and the sidebar, in `dist/`.
 *
 * Apps Script has no modules, and menus, triggers and `google.script.run` can only call
 * top-level functions. So the TypeScript is bundled into one IIFE that puts the exports of
 * `src/main.ts` on a global object, and one top-level function per export is appended to
 * forward to it. Run with `npx tsx sheets-addon/build.ts` (ADDON_API_ORIGIN sets the manifest's
 * URL allow-list to the API's origin).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ADDON_DIR = dirname(fileURLToPath(import.meta.url));
export const GLOBAL_NAME = 'PartnershipRecords';

export interface BuildOptions {
  /** Where to write; `sheets-addon/dist` by default. */
  outDir?: string;
  /** The API's origin (https://…) for the manifest's `urlFetchWhitelist`. */
  apiOrigin?: string;
}

export interface BuildResult {
  outDir: string;
  codePath: string;
  /** The top-level functions Apps Script can call. */
  entryPoints: string[];
  codeBytes: number;
}

/** The manifest, with the URL allow-list pointed at the API when an origin is given. */
export function manifest(apiOrigin?: string): Record<string, unknown> {
  const base = JSON.parse(readFileSync(join(ADDON_DIR, 'appsscript.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  if (!apiOrigin) return base;
  const origin = new URL(apiOrigin);
  if (origin.protocol !== 'https:')
    throw new Error(`ADDON_API_ORIGIN must be an https:// origin, got ${apiOrigin}`);
  return { ...base, urlFetchWhitelist: [`${origin.origin}/`] };
}

export async function buildAddon(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? join(ADDON_DIR, 'dist'));
  const entry = join(ADDON_DIR, 'src', 'main.ts');

  // The export names, from an ESM build of the same entry (its metafile lists them).
  const probe = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'probe.js',
    logLevel: 'silent',
  });
  const entryPoints = Object.values(probe.metafile.outputs).flatMap((o) => o.exports);
  if (entryPoints.length === 0)
    throw new Error('src/main.ts exports nothing: the add-on would have no entry points');

  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    target: 'es2020',
    platform: 'neutral',
    charset: 'utf8',
    write: false,
    outfile: 'Code.js',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const wrappers = entryPoints
    .sort()
    .map((name) => `function ${name}() {\n  return ${GLOBAL_NAME}.${name}.apply(this, arguments);\n}`)
    .join('\n');
  const code = `${bundle.outputFiles[0]!.text}\n// Top-level entry points for menus, triggers and google.script.run.\n${wrappers}\n`;

  mkdirSync(outDir, { recursive: true });
  const codePath = join(outDir, 'Code.js');
  writeFileSync(codePath, code);
  writeFileSync(join(outDir, 'appsscript.json'), `${JSON.stringify(manifest(options.apiOrigin), null, 2)}\n`);
  copyFileSync(join(ADDON_DIR, 'src', 'sidebar.html'), join(outDir, 'sidebar.html'));
  return { outDir, codePath, entryPoints, codeBytes: Buffer.byteLength(code) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await buildAddon({ apiOrigin: process.env.ADDON_API_ORIGIN });
  console.log(
    `Built ${result.codePath} (${Math.round(result.codeBytes / 1024)} KB) with ${result.entryPoints.length} entry points: ${result.entryPoints.join(', ')}`,
  );
}
