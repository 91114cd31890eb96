import { createHash } from 'node:crypto';
import type { StoredRecord } from '../records/definition.ts';
import { type OpeningPeriod, parseOpeningHours } from '../records/opening-hours.ts';
import { isPubliclyVisible, publicView } from '../records/public-view.ts';
import { employmentProfile } from '../records/types/employment-profile.ts';
import { organisation as organisationDefinition } from '../records/types/organisation.ts';
import { SERVICE_CATEGORY_LABELS, service as serviceDefinition } from '../records/types/service.ts';

/**
 * The public directory as one read model: listed services (with the public fields of the
 * organisation that provides each), published employment profiles, and the names of regions and
 * councils. The public pages and the open-data exports (HSDS, CSV) all read it, so what is
 * public is decided in one place (`records/public-view.ts`) and nothing else is ever loaded.
 */

/** What the directory needs from the record store: every current record of a type, page by page. */
export interface DirectorySource {
  pages(type: string, regionId?: string, pageSize?: number): AsyncGenerator<StoredRecord[]>;
}

export interface DirectoryOrganisation {
  id: string;
  /** A stable UUID for open data (HSDS ids are UUIDs; record ids are not). */
  uuid: string;
  name: string;
  description?: string;
  website?: string;
  phone?: string;
  email?: string;
}

export interface DirectoryService {
  id: string;
  uuid: string;
  regionId: string;
  regionName: string;
  councilId?: string;
  councilName?: string;
  updatedAt: string;
  name: string;
  provider: string;
  category: string;
  categoryLabel: string;
  description: string;
  area?: string;
  eligibility?: string;
  minimumAge?: number;
  maximumAge?: number;
  cost?: string;
  howToApply?: string;
  streetAddress?: string;
  town?: string;
  postcode?: string;
  openingHours?: string;
  openingPeriods: OpeningPeriod[];
  phone?: string;
  email?: string;
  website?: string;
  organisation?: DirectoryOrganisation;
}

export interface DirectoryProfile {
  id: string;
  regionId: string;
  regionName: string;
  updatedAt: string;
  title: string;
  summary: string;
  keyFigures: string[];
  industries: string[];
  researchSources?: string;
  preparedOn?: string;
  publishedOn?: string;
}

export interface DirectoryRegion {
  id: string;
  name: string;
  serviceCount: number;
  hasProfile: boolean;
}

export interface DirectoryCouncil {
  id: string;
  name: string;
  regionId: string;
}

export interface Directory {
  services: DirectoryService[];
  profiles: DirectoryProfile[];
  regions: DirectoryRegion[];
  /** Councils with at least one listed service, for the council filter. */
  councils: DirectoryCouncil[];
  /** The newest change among what is shown (for sitemaps and Last-Modified). */
  updatedAt: string;
}

/** A name-based UUID (version 5 layout) for a record, so open-data ids never change. */
export function recordUuid(type: string, id: string): string {
  const hex = createHash('sha1').update(`partnership-records:${type}:${id}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const lines = (text: unknown) =>
  typeof text === 'string'
    ? text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
    : [];

async function allOf(source: DirectorySource, type: string): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  for await (const page of source.pages(type)) records.push(...page.filter((r) => !r.deletedAt));
  return records;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'en-NZ');

/** Reads the whole public directory from the store (a few hundred records nationally). */
export async function readDirectory(source: DirectorySource): Promise<Directory> {
  const [regions, councils, services, organisations, profiles] = await Promise.all([
    allOf(source, 'region'),
    allOf(source, 'council'),
    allOf(source, serviceDefinition.type),
    allOf(source, organisationDefinition.type),
    allOf(source, employmentProfile.type),
  ]);
  const regionNames = new Map(regions.map((r) => [r.id, String(r.values.name)]));
  const councilById = new Map(councils.map((c) => [c.id, c]));
  const organisationById = new Map(organisations.map((o) => [o.id, o]));

  const listed = services
    .filter((r) => isPubliclyVisible(serviceDefinition, r))
    .map((record): DirectoryService => {
      const v = publicView(serviceDefinition, record).values;
      const council = v.councilId ? councilById.get(String(v.councilId)) : undefined;
      // The organisation id is not public, but which organisation runs a listed service is.
      const organisationRecord = record.values.organisationId
        ? organisationById.get(String(record.values.organisationId))
        : undefined;
      const periods = v.openingHours ? parseOpeningHours(String(v.openingHours)) : [];
      return {
        ...(v as object),
        id: record.id,
        uuid: recordUuid('service', record.id),
        regionId: record.regionId,
        regionName: regionNames.get(record.regionId) ?? record.regionId,
        councilName: council ? String(council.values.name) : undefined,
        updatedAt: record.updatedAt,
        categoryLabel:
          SERVICE_CATEGORY_LABELS[v.category as keyof typeof SERVICE_CATEGORY_LABELS] ?? String(v.category),
        openingPeriods: Array.isArray(periods) ? periods : [],
        organisation: organisationRecord ? organisationView(organisationRecord) : undefined,
      } as unknown as DirectoryService;
    })
    .sort((a, b) => byName(a, b) || a.id.localeCompare(b.id));

  const published = profiles
    .filter((r) => isPubliclyVisible(employmentProfile, r))
    .map((record): DirectoryProfile => {
      const v = publicView(employmentProfile, record).values;
      return {
        id: record.id,
        regionId: record.regionId,
        regionName: regionNames.get(record.regionId) ?? record.regionId,
        updatedAt: record.updatedAt,
        title: String(v.title),
        summary: String(v.summary ?? ''),
        keyFigures: lines(v.keyFigures),
        industries: lines(v.industries),
        researchSources: v.researchSources as string | undefined,
        preparedOn: v.preparedOn as string | undefined,
        publishedOn: v.publishedOn as string | undefined,
      };
    })
    // A region with more than one published profile shows its newest.
    .sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? ''));

  const regionList = regions
    .filter((r) => r.values.cegRegion !== false)
    .map((r) => ({
      id: r.id,
      name: String(r.values.name),
      serviceCount: listed.filter((s) => s.regionId === r.id).length,
      hasProfile: published.some((p) => p.regionId === r.id),
    }))
    .sort(byName);

  const councilIds = new Set(listed.map((s) => s.councilId).filter(Boolean));
  const councilList = councils
    .filter((c) => councilIds.has(c.id))
    .map((c) => ({ id: c.id, name: String(c.values.name), regionId: c.regionId }))
    .sort(byName);

  const stamps = [...listed, ...published].map((x) => x.updatedAt).sort();
  return {
    services: listed,
    profiles: published,
    regions: regionList,
    councils: councilList,
    updatedAt: stamps.at(-1) ?? new Date(0).toISOString(),
  };
}

function organisationView(record: StoredRecord): DirectoryOrganisation {
  const v = publicView(organisationDefinition, record).values as Record<string, string | undefined>;
  return {
    id: record.id,
    uuid: recordUuid('organisation', record.id),
    name: String(v.name),
    description: v.description,
    website: v.website,
    phone: v.phone,
    email: v.email,
  };
}

/** The profile a region shows: its newest published one. */
export function profileOfRegion(directory: Directory, regionId: string): DirectoryProfile | undefined {
  return directory.profiles.find((p) => p.regionId === regionId);
}

/**
 * Keeps the directory for `maxAgeMs` so a busy page does not read the table on every request;
 * a change is public within that time (plus CloudFront's own cache).
 */
export class CachedDirectory {
  private cached?: { at: number; directory: Promise<Directory> };

  constructor(
    private readonly source: DirectorySource,
    private readonly maxAgeMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<Directory> {
    const now = this.now();
    if (!this.cached || now - this.cached.at >= this.maxAgeMs) {
      const directory = readDirectory(this.source);
      this.cached = { at: now, directory };
      // A failed read is not kept: the next request tries again.
      directory.catch(() => {
        if (this.cached?.directory === directory) this.cached = undefined;
      });
    }
    return this.cached.directory;
  }
}
