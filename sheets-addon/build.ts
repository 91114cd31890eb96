/**
 * Builds the add-on for Apps Script: one script file, the manifest and the sidebar, in `dist/`.
 *
 * Apps Script has no modules, and menus, triggers and `google.script.run` can only call
 * top-level functions. So the TypeScript is bundled into one IIFE that puts the exports of
 * `src/main.ts` on a global object, and one top-level function per export is appended to
 * forward to it. Run with `npx tsx sheets-addon/build.ts` (ADDON_API_ORIGIN sets the manifest's
 * URL allow-list to the API's origin; `--for-push` refuses to build without it).
 *
 * The allow-list is also compiled into the script (`ADDON_BUILD`), so that the settings form can
 * refuse an address the manifest would not let Apps Script fetch, instead of failing later.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  /**
   * Allow an http://localhost origin: a build for the tests' fakes only. Apps Script runs on
   * Google's servers, which cannot reach localhost, and Google refuses http:// prefixes.
   */
  local?: boolean;
}

/** What the build tells the script about itself (see `src/apps-script/build-info.ts`). */
export interface BuildInfo {
  /** The manifest's `urlFetchWhitelist`: the only addresses Apps Script will fetch. */
  allowList: string[];
  /** False only for a local test build, whose allow-list may name http://localhost. */
  deployed: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

export interface BuildResult {
  outDir: string;
  codePath: string;
  /** The top-level functions Apps Script can call. */
  entryPoints: string[];
  codeBytes: number;
}

/** The manifest, with the URL allow-list pointed at the API when an origin is given. */
export function manifest(apiOrigin?: string, options: { local?: boolean } = {}): Record<string, unknown> {
  const base = JSON.parse(readFileSync(join(ADDON_DIR, 'appsscript.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  if (!apiOrigin) return base;
  const origin = new URL(apiOrigin);
  const localTest = options.local === true && origin.protocol === 'http:' && LOCAL_HOSTS.has(origin.hostname);
  if (origin.protocol !== 'https:' && !localTest)
    throw new Error(`ADDON_API_ORIGIN must be an https:// origin, got ${apiOrigin}`);
  if (LOCAL_HOSTS.has(origin.hostname) && !options.local)
    throw new Error(
      `ADDON_API_ORIGIN cannot be ${origin.hostname}: Apps Script runs on Google's servers, which cannot reach this computer`,
    );
  return { ...base, urlFetchWhitelist: [`${origin.origin}/`] };
}

/** The build facts compiled into the script, from the manifest it ships with. */
export function buildInfo(shipped: Record<string, unknown>, local = false): BuildInfo {
  const allowList = (shipped.urlFetchWhitelist as string[] | undefined) ?? [];
  return { allowList, deployed: !local };
}

export async function buildAddon(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? join(ADDON_DIR, 'dist'));
  const entry = join(ADDON_DIR, 'src', 'main.ts');
  const shipped = manifest(options.apiOrigin, { local: options.local });
  const define = { ADDON_BUILD: JSON.stringify(buildInfo(shipped, options.local)) };

  // The export names, from an ESM build of the same entry (its metafile lists them).
  const probe = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'probe.js',
    define,
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
    define,
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
  writeFileSync(join(outDir, 'appsscript.json'), `${JSON.stringify(shipped, null, 2)}\n`);
  writeFileSync(join(outDir, 'sidebar.html'), await sidebarHtml());
  return { outDir, codePath, entryPoints, codeBytes: Buffer.byteLength(code) };
}

/** Where the sidebar's markup has its script bundled in. */
const SIDEBAR_SCRIPT_SLOT = '<script>/* sidebar.ts, bundled in by build.ts */</script>';

/**
 * The sidebar as Apps Script serves it: one HTML file, so the TypeScript of `src/sidebar/` is
 * bundled and put inside its markup.
 */
async function sidebarHtml(): Promise<string> {
  const folder = join(ADDON_DIR, 'src', 'sidebar');
  const markup = readFileSync(join(folder, 'sidebar.html'), 'utf8');
  if (!markup.includes(SIDEBAR_SCRIPT_SLOT))
    throw new Error(`src/sidebar/sidebar.html has lost its script slot: ${SIDEBAR_SCRIPT_SLOT}`);
  const script = await build({
    entryPoints: [join(folder, 'sidebar.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    write: false,
    outfile: 'sidebar.js',
    legalComments: 'none',
    logLevel: 'silent',
  });
  // A "</script" inside a string would end the element early.
  const code = script.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  return markup.replace(SIDEBAR_SCRIPT_SLOT, () => `<script>\n${code}</script>`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const apiOrigin = process.env.ADDON_API_ORIGIN;
  if (process.argv.includes('--for-push') && !apiOrigin) {
    console.error(
      "Set ADDON_API_ORIGIN to the API's https:// origin before pushing: it becomes the only address the add-on may fetch.",
    );
    process.exit(1);
  }
  const result = await buildAddon({ apiOrigin });
  console.log(
    `Built ${result.codePath} (${Math.round(result.codeBytes / 1024)} KB) with ${result.entryPoints.length} entry points: ${result.entryPoints.join(', ')}`,
  );
}
