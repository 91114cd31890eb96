import { createHash } from 'node:crypto';
import type { StoredRecord } from '../records/definition.ts';
import { type OpeningPeriod, parseOpeningHours } from '../records/opening-hours.ts';
import { isPubliclyVisible, publicView } from '../records/public-view.ts';
import { employmentProfile } from '../records/types/employment-profile.ts';
import { organisation as organisationDefinition } from '../records/types/organisation.ts';
import { SERVICE_CATEGORY_LABELS, service as serviceDefinition } from '../records/types/service.ts';

/**
 * What the public directory shows, record by record: a listed service (with the public fields of
 * the organisation that provides it), a published employment profile, a region, a council. Each
 * is projected from its stored record through `records/public-view.ts`, so what is public is
 * decided there and nowhere else. The read model that holds them is `directory-model.ts`.
 */

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

/** The names a service shows beside its own fields: its region's, its council's, its organisation. */
export interface ServiceContext {
  regionName(regionId: string): string;
  council(councilId: string): StoredRecord | undefined;
  organisation(organisationId: string): StoredRecord | undefined;
}

/** A listed service as the public sees it, or undefined when it is not public. */
export function serviceView(record: StoredRecord, context: ServiceContext): DirectoryService | undefined {
  if (!isPubliclyVisible(serviceDefinition, record)) return undefined;
  const v = publicView(serviceDefinition, record).values;
  const council = v.councilId ? context.council(String(v.councilId)) : undefined;
  // The organisation id is not public, but which organisation runs a listed service is.
  const organisationRecord = record.values.organisationId
    ? context.organisation(String(record.values.organisationId))
    : undefined;
  const periods = v.openingHours ? parseOpeningHours(String(v.openingHours)) : [];
  return {
    ...(v as object),
    id: record.id,
    uuid: recordUuid('service', record.id),
    regionId: record.regionId,
    regionName: context.regionName(record.regionId),
    councilName: council ? String(council.values.name) : undefined,
    updatedAt: record.updatedAt,
    categoryLabel:
      SERVICE_CATEGORY_LABELS[v.category as keyof typeof SERVICE_CATEGORY_LABELS] ?? String(v.category),
    openingPeriods: Array.isArray(periods) ? periods : [],
    organisation: organisationRecord ? organisationView(organisationRecord) : undefined,
  } as unknown as DirectoryService;
}

/** A published employment profile as the public sees it, or undefined when it is not public. */
export function profileView(record: StoredRecord, regionName: string): DirectoryProfile | undefined {
  if (!isPubliclyVisible(employmentProfile, record)) return undefined;
  const v = publicView(employmentProfile, record).values;
  return {
    id: record.id,
    regionId: record.regionId,
    regionName,
    updatedAt: record.updatedAt,
    title: String(v.title),
    summary: String(v.summary ?? ''),
    keyFigures: lines(v.keyFigures),
    industries: lines(v.industries),
    researchSources: v.researchSources as string | undefined,
    preparedOn: v.preparedOn as string | undefined,
    publishedOn: v.publishedOn as string | undefined,
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
