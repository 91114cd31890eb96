import type { BuildFacts } from '../sync/api-address.ts';

/** Replaced by the build (esbuild `define`) with the manifest's allow-list; see `build.ts`. */
declare const ADDON_BUILD: BuildFacts;

/** What this build of the add-on may fetch, as compiled in from its manifest. */
export function buildFacts(): BuildFacts {
  return ADDON_BUILD;
}
