import type { RecordDefinition, StoredRecord } from './definition.ts';
import { RECORD_DEFINITIONS } from './registry.ts';

/**
 * What the public may see (rule 10), decided here once for the JSON routes, the public pages and
 * the open-data exports: records of a public type whose `publicWhen` holds, and of those only
 * the fields marked `public` in the definition.
 */

/** Folds case and macrons so "Whangarei" finds "Whangārei". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export const PUBLIC_DEFINITIONS = RECORD_DEFINITIONS.filter((d) => d.isPublic);

export function publicFields(definition: RecordDefinition): string[] {
  return definition.fields.filter((f) => f.public).map((f) => f.name);
}

export interface PublicView {
  id: string;
  type: string;
  regionId: string;
  updatedAt: string;
  values: Record<string, unknown>;
}

/** The public fields of a record (for a public type, call only when `isPubliclyVisible`). */
export function publicView(definition: RecordDefinition, record: StoredRecord): PublicView {
  const values: Record<string, unknown> = {};
  for (const name of publicFields(definition))
    if (record.values[name] !== undefined) values[name] = record.values[name];
  return { id: record.id, type: record.type, regionId: record.regionId, updatedAt: record.updatedAt, values };
}

/** True when anyone may read the record: a public type, not deleted, and marked public. */
export function isPubliclyVisible(definition: RecordDefinition, record: StoredRecord): boolean {
  return (
    !record.deletedAt && definition.publicWhen !== undefined && definition.publicWhen(record.values as never)
  );
}

/**
 * True for a record marked public, deleted or not: a calendar feed must tell its subscribers that
 * a public event went away (as cancelled) rather than silently drop it. Only public fields are
 * ever read from such a record (`publicView`).
 */
export function wasMadePublic(definition: RecordDefinition, record: StoredRecord): boolean {
  return definition.publicWhen !== undefined && definition.publicWhen(record.values as never);
}
