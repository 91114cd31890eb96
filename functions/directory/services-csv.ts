import { toCsv } from '../aggregate/csv.ts';
import type { DirectoryService } from './public-directory.ts';

/** The listed services as a spreadsheet (one row each), for people who want the directory whole. */
const COLUMNS: [string, (s: DirectoryService) => string | number | undefined][] = [
  ['id', (s) => s.uuid],
  ['name', (s) => s.name],
  ['provider', (s) => s.provider],
  ['category', (s) => s.categoryLabel],
  ['region', (s) => s.regionName],
  ['council district', (s) => s.councilName],
  ['area', (s) => s.area],
  ['description', (s) => s.description],
  ['who it is for', (s) => s.eligibility],
  ['minimum age', (s) => s.minimumAge],
  ['maximum age', (s) => s.maximumAge],
  ['cost', (s) => s.cost],
  ['how to get in', (s) => s.howToApply],
  ['street address', (s) => s.streetAddress],
  ['town', (s) => s.town],
  ['postcode', (s) => s.postcode],
  ['opening hours', (s) => s.openingHours],
  ['phone', (s) => s.phone],
  ['email', (s) => s.email],
  ['website', (s) => s.website],
  ['last updated', (s) => s.updatedAt],
];

export function servicesCsv(services: readonly DirectoryService[]): string {
  return toCsv(
    COLUMNS.map(([name]) => name),
    services.map((s) => COLUMNS.map(([, value]) => value(s))),
  );
}
