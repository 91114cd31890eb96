import type { StoredRecord } from '../records/definition.ts';
import { employmentProfile } from '../records/types/employment-profile.ts';
import { organisation } from '../records/types/organisation.ts';
import { SERVICE_CATEGORIES, service } from '../records/types/service.ts';
import {
  type DirectoryCouncil,
  type DirectoryProfile,
  type DirectoryRegion,
  type DirectoryService,
  profileView,
  type ServiceContext,
  serviceView,
} from './public-directory.ts';
import { ServiceIndex, type ServiceSearch } from './search.ts';

/**
 * The record types the public directory follows, in the order a batch of changes is applied:
 * what a service shows of others (region and council names, its organisation) comes first.
 */
export const DIRECTORY_TYPES = ['region', 'council', organisation.type, service.type, employmentProfile.type];

/** The public directory as the pages, HSDS and CSV read it. */
export interface Directory {
  /** Every listed service in directory order (by name). Made once per change; prefer `search`. */
  readonly services: readonly DirectoryService[];
  readonly serviceCount: number;
  /** A listed service by its record id. */
  service(id: string): DirectoryService | undefined;
  /** A listed service by its open-data id (the UUID of `recordUuid`). */
  serviceByOpenDataId(uuid: string): DirectoryService | undefined;
  /** Listed services matching every part of a search, in directory order. */
  search(search: ServiceSearch): readonly DirectoryService[];
  /** Kinds of help with at least one listed service, in the definition's order. */
  readonly categories: readonly string[];
  /** Published profiles, newest publication first. */
  readonly profiles: readonly DirectoryProfile[];
  readonly regions: readonly DirectoryRegion[];
  /** Councils with at least one listed service, for the council filter. */
  readonly councils: readonly DirectoryCouncil[];
  /** The newest change among what is shown (for sitemaps and Last-Modified). */
  readonly updatedAt: string;
}

const collator = new Intl.Collator('en-NZ');
const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

/**
 * The directory's read model, changed record by record: give it every current record once, then
 * each record that changed (deletions as tombstones), and it keeps the listed services in a
 * search index, so a change costs that record (and, for an organisation, its services; for a
 * renamed region or council, the services there), never a rebuild of the directory. What is
 * public is decided by the projections (`serviceView`, `profileView`), which ask
 * `records/public-view.ts`. Small lists (regions, councils, profiles, kinds of help) are made
 * again when something they show changed, the first time they are read.
 *
 * Another public record type (consultations, events) joins by adding its type to
 * `DIRECTORY_TYPES`, a map of its records here, and its projection and list beside `profiles`.
 */
export class DirectoryModel implements Directory {
  private readonly records = new Map<string, Map<string, StoredRecord>>(
    DIRECTORY_TYPES.map((t) => [t, new Map()]),
  );
  /** The newest version applied of every record seen, tombstones included: older copies are ignored. */
  private readonly versions = new Map<string, number>();
  /** Which services each organisation runs, so a change to it reaches them. */
  private readonly servicesOfOrganisation = new Map<string, Set<string>>();
  private readonly index = new ServiceIndex();
  private derived?: {
    services?: DirectoryService[];
    categories: string[];
    profiles: DirectoryProfile[];
    regions: DirectoryRegion[];
    councils: DirectoryCouncil[];
    updatedAt?: string;
  };

  private readonly context: ServiceContext = {
    regionName: (id) => {
      const region = this.of('region').get(id);
      return region ? String(region.values.name) : id;
    },
    council: (id) => this.of('council').get(id),
    organisation: (id) => this.of(organisation.type).get(id),
  };

  private of(type: string): Map<string, StoredRecord> {
    return this.records.get(type)!;
  }

  /** Applies changes in dependency order; returns how many changed the model. */
  applyAll(records: Iterable<StoredRecord>): number {
    const byType = new Map<string, StoredRecord[]>();
    for (const record of records) {
      const list = byType.get(record.type);
      if (list) list.push(record);
      else byType.set(record.type, [record]);
    }
    let changed = 0;
    for (const type of DIRECTORY_TYPES)
      for (const record of byType.get(type) ?? []) if (this.apply(record)) changed++;
    return changed;
  }

  /** Adds, replaces or (when deleted) removes one record; an older version than the one held is ignored. */
  apply(record: StoredRecord): boolean {
    const held = this.records.get(record.type);
    if (!held) return false;
    const key = `${record.type}#${record.id}`;
    if ((this.versions.get(key) ?? 0) >= record.version) return false;
    this.versions.set(key, record.version);
    const before = held.get(record.id);
    if (record.deletedAt) held.delete(record.id);
    else held.set(record.id, record);
    this.derived = undefined;

    switch (record.type) {
      case service.type:
        this.reprojectService(record.id, before);
        break;
      case organisation.type:
        for (const id of this.servicesOfOrganisation.get(record.id) ?? []) this.reprojectService(id);
        break;
      case 'region':
        if (before?.values.name !== record.values.name || record.deletedAt) {
          this.reprojectServicesWhere((s) => s.regionId === record.id);
        }
        break;
      case 'council':
        if (before?.values.name !== record.values.name || record.deletedAt) {
          this.reprojectServicesWhere((s) => s.councilId === record.id);
        }
        break;
    }
    return true;
  }

  private reprojectServicesWhere(matches: (record: StoredRecord) => boolean): void {
    for (const record of this.of(service.type).values())
      if (matches(record)) this.reprojectService(record.id);
  }

  private reprojectService(id: string, before?: StoredRecord): void {
    const record = this.of(service.type).get(id);
    const previousOrganisation = before?.values.organisationId as string | undefined;
    if (previousOrganisation) this.servicesOfOrganisation.get(previousOrganisation)?.delete(id);
    const organisationId = record?.values.organisationId as string | undefined;
    if (organisationId) {
      const set = this.servicesOfOrganisation.get(organisationId);
      if (set) set.add(id);
      else this.servicesOfOrganisation.set(organisationId, new Set([id]));
    }
    const view = record ? serviceView(record, this.context) : undefined;
    if (view) this.index.put(view);
    else this.index.remove(id);
  }

  get serviceCount(): number {
    return this.index.size;
  }

  service(id: string): DirectoryService | undefined {
    return this.index.get(id);
  }

  serviceByOpenDataId(uuid: string): DirectoryService | undefined {
    return this.index.byOpenDataId(uuid);
  }

  search(search: ServiceSearch): readonly DirectoryService[] {
    return this.index.search(search);
  }

  get services(): readonly DirectoryService[] {
    const derived = this.derive();
    derived.services ??= this.index.all();
    return derived.services;
  }

  get categories(): readonly string[] {
    return this.derive().categories;
  }

  get profiles(): readonly DirectoryProfile[] {
    return this.derive().profiles;
  }

  get regions(): readonly DirectoryRegion[] {
    return this.derive().regions;
  }

  get councils(): readonly DirectoryCouncil[] {
    return this.derive().councils;
  }

  get updatedAt(): string {
    const derived = this.derive();
    if (derived.updatedAt === undefined) {
      let newest = new Date(0).toISOString();
      for (const s of this.services) if (s.updatedAt > newest) newest = s.updatedAt;
      for (const p of derived.profiles) if (p.updatedAt > newest) newest = p.updatedAt;
      derived.updatedAt = newest;
    }
    return derived.updatedAt;
  }

  /** The small lists, made again after a change the first time one is read. */
  private derive() {
    if (this.derived) return this.derived;
    const profiles = [...this.of(employmentProfile.type).values()]
      .map((record) => profileView(record, this.context.regionName(record.regionId)))
      .filter((p): p is DirectoryProfile => p !== undefined)
      // A region with more than one published profile shows its newest.
      .sort((a, b) => (b.publishedOn ?? '').localeCompare(a.publishedOn ?? ''));
    const perRegion = this.index.countBy('region');
    const regions = [...this.of('region').values()]
      .filter((r) => r.values.cegRegion !== false)
      .map((r) => ({
        id: r.id,
        name: String(r.values.name),
        serviceCount: perRegion.get(r.id) ?? 0,
        hasProfile: profiles.some((p) => p.regionId === r.id),
      }))
      .sort(byName);
    const perCouncil = this.index.countBy('council');
    const councils = [...this.of('council').values()]
      .filter((c) => perCouncil.has(c.id))
      .map((c) => ({ id: c.id, name: String(c.values.name), regionId: c.regionId }))
      .sort(byName);
    const perCategory = this.index.countBy('category');
    const categories = SERVICE_CATEGORIES.filter((c) => perCategory.has(c));
    this.derived = { profiles, regions, councils, categories };
    return this.derived;
  }
}

/** The profile a region shows: its newest published one. */
export function profileOfRegion(directory: Directory, regionId: string): DirectoryProfile | undefined {
  return directory.profiles.find((p) => p.regionId === regionId);
}
