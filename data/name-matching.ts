/**
 * Matching names people type to the records they mean: macrons and case do not matter, a
 * trailing "Council" or the council's kind ("City", "District") may be left out, and a few old
 * names are still understood. Pure (no Node APIs), so that the Sheets add-on bundles this same
 * module to turn the names in a team's own sheet into ids.
 */

/** Lower case with macrons and other diacritics removed, spaces collapsed: for matching names. */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Older or everyday names people still type, folded, and the council id they mean. */
const COUNCIL_ALIASES: Readonly<Record<string, string>> = {
  'wanganui district': 'whanganui-district',
  'hutt city': 'lower-hutt-city',
  'auckland city': 'auckland',
};

const KIND_SUFFIX = / (city|district|territory|region)$/;

export interface Named {
  id: string;
  name: string;
}

/**
 * Every candidate a typed name may mean, best matches only: the exact name (folded, with or
 * without "Council"), else an old name, else the name without its kind ("Christchurch" for
 * Christchurch City). More than one result means the name is ambiguous.
 */
export function namesMatching<T extends Named>(typed: string, candidates: readonly T[]): T[] {
  const folded = foldName(typed).replace(/ council$/, '');
  if (!folded) return [];
  const exact = candidates.filter((c) => foldName(c.name) === folded);
  if (exact.length > 0) return exact;
  const alias = COUNCIL_ALIASES[folded];
  const aliased = alias ? candidates.filter((c) => c.id === alias) : [];
  if (aliased.length > 0) return aliased;
  return candidates.filter((c) => foldName(c.name).replace(KIND_SUFFIX, '') === folded);
}
