import * as z from 'zod/mini';
import { type FieldMeta, fieldMeta } from './fields.ts';
import { type Party, type SignOffSpec, type SignOffs, signOffFlagFields } from './sign-offs.ts';

/**
 * The roles of the user directory, from widest to narrowest reach. CEG people are `national`,
 * `regional`, `adviser` or `viewer`; Taskforce people are `national` (the MTFJ Executive Officer,
 * the Taskforce Community Adviser) or `council` (a mayor's office, tied to its councils).
 */
export const ROLES = ['national', 'regional', 'adviser', 'viewer', 'council'] as const;
export type Role = (typeof ROLES)[number];

/** The roles each party's people may hold. */
export const PARTY_ROLES: Record<Party, readonly Role[]> = {
  ceg: ['national', 'regional', 'adviser', 'viewer'],
  taskforce: ['national', 'council'],
};

/** A field-level problem in plain words: which field, what was expected, what was given. */
export interface FieldError {
  field: string;
  message: string;
  received?: unknown;
}

/** A record's user-editable values, as validated by its definition's schema. */
export type Values = Record<string, unknown>;

/** System fields every stored record carries; users never set them. */
export interface SystemFields {
  id: string;
  type: string;
  regionId: string;
  councilId?: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  deletedAt?: string;
  deletedBy?: string;
  /** Each party's sign-off, on record types that take them. */
  signOffs?: SignOffs;
  /** A second region that shares the record (a buddy pair across two regions). */
  sharedRegionId?: string;
}

export type StoredRecord = SystemFields & { values: Values };

/** What rules may look up: other records, read through the same store and cached per request. */
export interface RuleContext {
  get(type: string, id: string): Promise<StoredRecord | undefined>;
  /** Current (not deleted) records of a type for one council. */
  listForCouncil(type: string, councilId: string): Promise<StoredRecord[]>;
  /** Today in New Zealand, as YYYY-MM-DD. */
  today: string;
  /**
   * Finds a person by email (a directory user, or an adviser or organisation contact of the
   * region) and whether they may see the region's records. Absent where people cannot be looked
   * up (offline checks), in which case person fields are checked for their form only.
   */
  findPerson?(email: string, regionId: string): Promise<PersonMatch | undefined>;
}

/** A person found for a person field: who they are and whether the record is in their reach. */
export interface PersonMatch {
  email: string;
  name?: string;
  canSee: boolean;
}

/**
 * A domain rule: returns the problems with a candidate record, in words a staff member
 * understands. Rules run after the schema has accepted the values.
 */
export type Rule = (
  values: Values,
  ctx: RuleContext,
  current?: StoredRecord,
) => Promise<FieldError[]> | FieldError[];

/**
 * What a definition is declared with. Besides the schema `S`, the type name `T` and the names of
 * the sign-off flags `F` are kept as literal types, so that code reading stored records (the
 * rollups) can be typed by the definition: see `StoredValuesOf`.
 */
export interface RecordDefinitionInput<
  S extends z.ZodMiniObject,
  T extends string = string,
  F extends string = string,
> {
  /** Singular type name, kebab-case: `lec-group`. */
  type: T;
  /** Resource path, kebab-case plural: `lec-groups`. */
  path: string;
  label: string;
  pluralLabel: string;
  description: string;
  /**
   * Builds the schema of the user-editable fields (unknown fields are refused). It runs once, when
   * the type is first used, so a cold start builds only the schemas its first requests need.
   */
  schema: () => S;
  /**
   * How the record's region is found: the field that holds a region id, or a reference field
   * whose record's region it inherits (a council, an LEC group, a strategy). `self` is the
   * region record itself.
   */
  scope: { field: keyof z.infer<S> & string } | 'self';
  /** The field naming the record's council, when it has one (feeds the per-council index). */
  councilField?: keyof z.infer<S> & string;
  /**
   * Reference data every signed-in user may read whatever their regions (regions, councils): a
   * sheet's council dropdown or a buddy in another region needs them. Writing still follows scope.
   */
  sharedReference?: boolean;
  /** Roles that may create, change and delete. Read access follows region scoping. */
  writableBy?: readonly Role[];
  /** Records whose id is a natural key (one per council and quarter, say). */
  naturalId?: (values: z.infer<S>) => string;
  /** Fields the system sets from the others; shown read-only, refused on input. */
  derived?: Record<
    string,
    {
      meta: FieldMeta;
      derive: (values: z.infer<S>, ctx: RuleContext, signOffs?: SignOffs) => Promise<unknown> | unknown;
    }
  >;
  /** Record types that need both parties' sign-off (agreements, communications, publicity). */
  signOff?: SignOffSpec<F>;
  /**
   * The Taskforce writes these too (within its reach: a mayor's office only for its councils);
   * everything else is CEG's to write. Sign-offs are separate and open to both parties.
   */
  taskforceWrites?: boolean;
  /**
   * The national knowledge base (practices, joint ventures): every signed-in person of either
   * party may read it in every region; writing still follows scope (one's own region). It names
   * the fields the knowledge base shows as an entry's title and summary; declaring it is all a
   * type needs to be indexed, searched, caught up and offered as a search filter.
   */
  knowledgeBase?: { title: keyof z.infer<S> & string; summary: keyof z.infer<S> & string };
  /** A reference field whose record's region may also read and change this record (buddy pairs). */
  sharedScope?: { field: keyof z.infer<S> & string };
  rules?: Rule[];
  /** Public projection: which records (and fields marked `public`) anyone may read. */
  publicWhen?: (values: z.infer<S>) => boolean;
  /** Cross-field checks on the values alone (no look-ups). */
  refine?: (values: z.infer<S>) => FieldError[];
}

export interface FieldDescription extends FieldMeta {
  name: string;
  required: boolean;
  derived: boolean;
}

/**
 * A record type as the catalogue (`GET /v1/types`) describes it, for clients that build forms or
 * sheet columns from it (the Sheets add-on reads this very type).
 */
export interface TypeDescription {
  type: string;
  path: string;
  label: string;
  pluralLabel: string;
  description: string;
  public: boolean;
  writableBy: readonly Role[];
  /** Ids come from the values (one per council and quarter, say), so clients must not invent them. */
  naturalId: boolean;
  fields: FieldDescription[];
}

export interface RecordDefinition<
  S extends z.ZodMiniObject = z.ZodMiniObject,
  T extends string = string,
  F extends string = string,
> extends Omit<RecordDefinitionInput<S, T, F>, 'schema'> {
  /** The user-editable fields' schema, strict: built on first use (see RecordDefinitionInput). */
  readonly schema: S;
  writableBy: readonly Role[];
  rules: Rule[];
  /** Fields in declaration order, editable first, then derived (read from the schema on first use). */
  readonly fields: FieldDescription[];
  isPublic: boolean;
}

/**
 * The values a record of definition `Def` stores, as far as code outside the definition reads
 * them: its fields as its schema outputs them, and the sign-off flags the system derives. Reading
 * a field the definition does not have fails to compile.
 */
export type StoredValuesOf<Def> =
  Def extends RecordDefinition<infer S, string, infer F>
    ? Readonly<z.output<S>> & { readonly [K in F]?: boolean }
    : never;

/** A stored record of definition `Def`, its values typed by the definition. */
export type StoredRecordOf<Def> = SystemFields & { values: StoredValuesOf<Def> };

/**
 * A record read from the store, typed by its definition. The store keeps values as the
 * definition's schema accepted them on write, so the record's type is what is checked here.
 */
export function storedRecordOf<S extends z.ZodMiniObject, T extends string, F extends string>(
  definition: RecordDefinition<S, T, F>,
  record: StoredRecord,
): StoredRecordOf<RecordDefinition<S, T, F>> {
  if (record.type !== definition.type)
    throw new Error(
      `The ${record.type} record ${record.id} was read with the ${definition.type} definition.`,
    );
  return record as StoredRecordOf<RecordDefinition<S, T, F>>;
}

export function defineRecord<S extends z.ZodMiniObject, const T extends string, F extends string = never>(
  input: RecordDefinitionInput<S, T, F>,
): RecordDefinition<S, T, F> {
  const flags = input.signOff ? signOffFlagFields(input.signOff) : {};
  const derivedInput: RecordDefinitionInput<S>['derived'] = {
    ...input.derived,
    ...Object.fromEntries(
      Object.entries(flags).map(([name, flag]) => [
        name,
        {
          meta: flag.meta,
          derive: (_values: unknown, _ctx: RuleContext, signOffs?: SignOffs) => flag.fromSignOffs(signOffs),
        },
      ]),
    ),
  };
  const derived: FieldDescription[] = Object.entries(derivedInput).map(([name, d]) => ({
    ...d.meta,
    name,
    required: false,
    derived: true,
  }));

  // Building 22 schemas is most of what the API's own code does at a cold start, and a request
  // needs one or two of them: each is built the first time its type is used, then kept.
  let built: { schema: S; fields: FieldDescription[] } | undefined;
  const build = () => {
    if (built) return built;
    const { shape } = input.schema();
    const editable: FieldDescription[] = Object.entries(shape).map(([name, schema]) => {
      const meta = fieldMeta(schema);
      if (!meta) throw new Error(`${input.type}.${name} was declared without a field builder`);
      return { ...meta, name, required: !z.safeParse(schema, undefined).success, derived: false };
    });
    built = {
      schema: z.strictObject(shape) as unknown as S,
      fields: [...editable, ...derived],
    };
    return built;
  };

  const { schema: _builder, ...described } = input;
  return {
    writableBy: ['national', 'regional', 'adviser'],
    rules: [],
    ...described,
    derived: derivedInput,
    get schema() {
      return build().schema;
    },
    get fields() {
      return build().fields;
    },
    isPublic: input.publicWhen !== undefined,
  };
}
