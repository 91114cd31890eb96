import type { StoredRecord } from '../records/definition.ts';

/**
 * An event as the digest, the public pages and the calendar feeds read it. A deleted event keeps
 * its last values and counts as cancelled, so calendars that hold it are told, not left stale.
 */
export interface EventView {
  id: string;
  regionId: string;
  lecGroupId?: string;
  kind: string;
  title: string;
  heldOn: string;
  endsOn?: string;
  startsAt?: string;
  endsAt?: string;
  location?: string;
  /** The public description (never the internal notes). */
  description?: string;
  openToPublic: boolean;
  cancelled: boolean;
  /** Deleted: still in the feeds as cancelled, but no longer a page. */
  deleted: boolean;
  /** Grows with every change, deletion included: the calendars' SEQUENCE. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function eventViewOf(record: StoredRecord): EventView {
  const v = record.values;
  return {
    id: record.id,
    regionId: record.regionId,
    lecGroupId: str(v.lecGroupId),
    kind: String(v.kind),
    title: String(v.title),
    heldOn: String(v.heldOn),
    endsOn: str(v.endsOn),
    startsAt: str(v.startsAt),
    endsAt: str(v.endsAt),
    location: str(v.location),
    description: str(v.publicDescription),
    openToPublic: v.openToPublic === true,
    cancelled: v.cancelled === true || record.deletedAt !== undefined,
    deleted: record.deletedAt !== undefined,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
