import { AccessDeniedError, BadRequestError, GoneError } from '../domain/errors.ts';
import { canRead, type Principal } from '../domain/principal.ts';
import type { HistoryEntry, RecordRepository } from '../domain/record-repository.ts';
import { placeOfRecord, type RecordService } from '../domain/record-service.ts';
import type { RecordDefinition, StoredRecord } from '../records/definition.ts';
import { definitionForType, RECORD_DEFINITIONS } from '../records/registry.ts';
import { changeTitle, recordName, valueInWords } from './display.ts';

/** A record another links to: its page's type path and id, and its name. */
export interface RecordLink {
  typePath: string;
  id: string;
  name: string;
}

export interface FieldView {
  name: string;
  title: string;
  help: string;
  /** The value in words ("Not recorded" when empty). */
  text: string;
  /** For references the viewer may read: the records' pages. */
  links?: RecordLink[];
  /** Set by the system from other fields or sign-offs. */
  derived: boolean;
}

export interface HistoryView {
  version: number;
  op: HistoryEntry['op'];
  at: string;
  by: string;
  changes: { field: string; title: string; from: string; to: string }[];
}

export interface ReferrerGroup {
  typePath: string;
  label: string;
  pluralLabel: string;
  /** The field of those records that points here ("Council"). */
  via: string;
  items: RecordLink[];
  /** More point here than are listed. */
  more: boolean;
}

/** Everything a record's page shows, already in words and within the viewer's reach. */
export interface RecordPageView {
  type: string;
  typePath: string;
  label: string;
  description: string;
  id: string;
  name: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deleted?: { at: string; by: string };
  fields: FieldView[];
  /** Newest first. */
  history: HistoryView[];
  /** The type takes sign-offs: the page shows its panel (from /v1/{path}/{id}/sign-offs). */
  signOffs: boolean;
  referrers: ReferrerGroup[];
}

const HISTORY_LIMIT = 200;
const REFERRER_SCAN = 200;
const REFERRERS_SHOWN = 25;

/** The reference fields of each type that point at `type`: who may link to a record of it. */
function referencesTo(type: string): { definition: RecordDefinition; field: string; title: string }[] {
  return RECORD_DEFINITIONS.flatMap((definition) =>
    definition.fields
      .filter((f) => !f.derived && (f.kind === 'reference' || f.kind === 'references') && f.refType === type)
      .map((f) => ({ definition, field: f.name, title: f.title })),
  );
}

function pointsAt(record: StoredRecord, field: string, id: string): boolean {
  const value = record.values[field];
  return Array.isArray(value) ? value.includes(id) : value === id;
}

/**
 * Builds a record's page for one viewer: the record through the records' own read (so its access
 * check and words apply), its history, the names of what it points at, and the records that
 * point at it, each type listed only where the viewer may read it. Nothing outside the viewer's
 * reach is named.
 */
export class RecordPages {
  constructor(
    private readonly store: RecordRepository,
    private readonly records: RecordService,
  ) {}

  async recordPage(principal: Principal, definition: RecordDefinition, id: string): Promise<RecordPageView> {
    let record: StoredRecord;
    try {
      record = await this.records.get(definition, principal, id);
    } catch (error) {
      // A deleted record's page still shows what it was and its history.
      if (!(error instanceof GoneError)) throw error;
      record = error.record;
    }
    const [history, referrers] = await Promise.all([
      this.records.history(definition, principal, id, HISTORY_LIMIT),
      this.referrers(principal, definition, record),
    ]);
    const names = await this.readableNames(principal, definition, [
      record,
      ...history.items.map((h) => h.record),
    ]);
    const nameOf = (type: string, refId: string) => names.get(`${type}#${refId}`)?.name;
    const fields = definition.fields
      .filter((f) => !f.derived || record.values[f.name] !== undefined)
      .map((f): FieldView => {
        const value = record.values[f.name];
        const ids = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
        const links =
          f.kind === 'reference' || f.kind === 'references'
            ? ids.flatMap((refId) => {
                const link = names.get(`${f.refType}#${refId}`);
                return link ? [link] : [];
              })
            : undefined;
        const hidden = links ? ids.length - links.length : 0;
        const text =
          hidden > 0 && links && links.length === 0
            ? `${hidden === 1 ? 'A record' : `${hidden} records`} outside your access`
            : valueInWords(f, value, nameOf);
        return {
          name: f.name,
          title: f.title,
          help: f.help,
          text,
          ...(links?.length ? { links } : {}),
          derived: f.derived,
        };
      });
    const field = (name: string) => definition.fields.find((f) => f.name === name);
    return {
      type: definition.type,
      typePath: definition.path,
      label: definition.label,
      description: definition.description,
      id: record.id,
      name: recordName(definition, record, nameOf),
      version: record.version,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      updatedAt: record.updatedAt,
      updatedBy: record.updatedBy,
      ...(record.deletedAt
        ? { deleted: { at: record.deletedAt, by: record.deletedBy ?? record.updatedBy } }
        : {}),
      fields,
      history: history.items
        .map((entry) => ({
          version: entry.version,
          op: entry.op,
          at: entry.at,
          by: entry.by,
          changes: entry.changes.map((c) => ({
            field: c.field,
            title: changeTitle(definition, c.field),
            from: c.field.startsWith('signOff.')
              ? String(c.from ?? 'Not asked')
              : valueInWords(field(c.field), c.from, nameOf),
            to: c.field.startsWith('signOff.')
              ? String(c.to ?? 'Not asked')
              : valueInWords(field(c.field), c.to, nameOf),
          })),
        }))
        .reverse(),
      signOffs: definition.signOff !== undefined,
      referrers,
    };
  }

  /**
   * The names and pages of every record these versions point at that the viewer may read, read
   * once each; a record outside the viewer's reach is left out (the page says so in words).
   */
  private async readableNames(
    principal: Principal,
    definition: RecordDefinition,
    versions: StoredRecord[],
  ): Promise<Map<string, RecordLink>> {
    const wanted = new Map<string, { type: string; id: string }>();
    for (const f of definition.fields) {
      if ((f.kind !== 'reference' && f.kind !== 'references') || !f.refType || f.refType === 'person')
        continue;
      for (const version of versions) {
        const value = version.values[f.name];
        for (const id of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
          wanted.set(`${f.refType}#${id}`, { type: f.refType, id: String(id) });
        }
      }
    }
    const found = await Promise.all(
      [...wanted.values()].slice(0, 100).map(async ({ type, id }) => {
        const target = definitionForType(type);
        const record = target ? await this.store.get(type, id) : undefined;
        if (!target || !record || !canRead(principal, target, placeOfRecord(record))) return undefined;
        return [`${type}#${id}`, { typePath: target.path, id, name: recordName(target, record) }] as const;
      }),
    );
    return new Map(found.filter((f) => f !== undefined));
  }

  /**
   * The records that point at this one, by type: a council's needs, strategies and activities
   * from its council index; others from the record's region, newest first, bounded. A type the
   * viewer may not read there is left out.
   */
  private async referrers(
    principal: Principal,
    definition: RecordDefinition,
    record: StoredRecord,
  ): Promise<ReferrerGroup[]> {
    const groups = await Promise.all(
      referencesTo(definition.type).map(async ({ definition: from, field, title }) => {
        const scope =
          definition.type === 'council' && from.councilField === field
            ? { councilId: record.id }
            : definition.scope === 'self'
              ? { regionId: record.id }
              : // Records of a council point at records of the same council (a strategy at its needs).
                record.councilId && from.councilField
                ? { councilId: record.councilId }
                : { regionId: record.regionId };
        try {
          const page = await this.records.list(from, principal, { ...scope, limit: REFERRER_SCAN });
          const pointing = page.items.filter((r) => !r.deletedAt && pointsAt(r, field, record.id));
          if (pointing.length === 0) return undefined;
          return {
            typePath: from.path,
            label: from.label,
            pluralLabel: from.pluralLabel,
            via: title,
            items: pointing
              .slice(0, REFERRERS_SHOWN)
              .map((r) => ({ typePath: from.path, id: r.id, name: recordName(from, r) })),
            more: pointing.length > REFERRERS_SHOWN || page.more,
          };
        } catch (error) {
          // Absent what the viewer may not read there (a mayor's office and a region's advisers).
          if (error instanceof AccessDeniedError || error instanceof BadRequestError) return undefined;
          throw error;
        }
      }),
    );
    return groups.filter((g) => g !== undefined);
  }
}
