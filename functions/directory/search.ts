import { foldForSearch } from '../records/public-view.ts';
import type { DirectoryService } from './public-directory.ts';

/** What a member of the public can narrow the directory by. */
export interface ServiceSearch {
  region?: string;
  council?: string;
  category?: string;
  /** Words, all of which must appear (macrons and case do not matter). */
  words?: string;
}

/** The text a service is found by: what it is, who runs it, where, and for whom. */
function searchableText(s: DirectoryService): string {
  return foldForSearch(
    [
      s.name,
      s.provider,
      s.description,
      s.categoryLabel,
      s.area,
      s.town,
      s.regionName,
      s.councilName,
      s.eligibility,
      s.organisation?.name,
    ]
      .filter(Boolean)
      .join(' '),
  );
}

function searchWords(words: string | undefined): string[] {
  return words
    ? foldForSearch(words)
        .split(/[\s,]+/)
        .filter(Boolean)
    : [];
}

export function searchServices(services: DirectoryService[], search: ServiceSearch): DirectoryService[] {
  const words = searchWords(search.words);
  return services.filter(
    (s) =>
      (!search.region || s.regionId === search.region) &&
      (!search.council || s.councilId === search.council) &&
      (!search.category || s.category === search.category) &&
      (words.length === 0 || words.every((w) => searchableText(s).includes(w))),
  );
}
