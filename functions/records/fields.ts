import * as z from 'zod/mini';
import { isIsoDate } from '../domain/iso-date.ts';
import { OPENING_HOURS_EXAMPLE, parseOpeningHours } from './opening-hours.ts';

/**
 * Field builders for record definitions. Each builder returns a zod schema carrying metadata
 * (`title`, `help`, `kind`, …) that the OpenAPI document, the sheet columns and the error
 * messages read back, so a field is described once.
 */

/** The kinds of field, as the type catalogue names them (the add-on picks a column's format by kind). */
export const FIELD_KINDS = [
  'text',
  'longText',
  'email',
  'url',
  'date',
  'quarter',
  'integer',
  'decimal',
  'money',
  'boolean',
  'enum',
  'reference',
  'references',
] as const;

export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldMeta {
  title: string;
  help: string;
  kind: FieldKind;
  /** For references: the record type the id points at; `person` for a person's email. */
  refType?: string;
  /** For enums: the allowed values, in display order. */
  options?: readonly string[];
  /** Shown to the public where the record type is public. */
  public?: boolean;
  /** A realistic value for documentation, where a generic one would not pass the field's own check. */
  example?: string;
}

/** The registry zod keeps our metadata in; read with `fieldMeta(schema)`. */
const fieldRegistry = z.registry<FieldMeta>();

interface Described {
  title: string;
  help: string;
  public?: boolean;
  example?: string;
}

function describe<T extends z.ZodMiniType>(schema: T, meta: FieldMeta): T {
  // The JSON Schema `description` and `title` come from the same words staff see in the sheet.
  z.globalRegistry.add(schema, { title: meta.title, description: meta.help });
  fieldRegistry.add(schema, meta);
  return schema;
}

export function text(
  d: Described & { max?: number; min?: number; pattern?: { regex: RegExp; expected: string } },
) {
  const { pattern, ...described } = d;
  const base = z
    .string({ error: 'expected text' })
    .check(
      z.trim(),
      z.minLength(d.min ?? 1, { error: 'must not be empty' }),
      z.maxLength(d.max ?? 200, { error: `must be at most ${d.max ?? 200} characters` }),
    );
  return describe(pattern ? base.check(z.regex(pattern.regex, { error: pattern.expected })) : base, {
    ...described,
    kind: 'text',
  });
}

/** Weekly opening hours in words staff can type ("Mon–Fri 9:00–17:00; Sat 10:00–13:00"). */
export function openingHours(d: Described) {
  return describe(
    z.string({ error: `expected opening hours like "${OPENING_HOURS_EXAMPLE}"` }).check(
      z.trim(),
      z.maxLength(300, { error: 'must be at most 300 characters' }),
      z.superRefine((value, ctx) => {
        const parsed = parseOpeningHours(value);
        if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
      }),
    ),
    { ...d, kind: 'text' },
  );
}

export function longText(d: Described & { max?: number }) {
  return describe(
    z
      .string({ error: 'expected text' })
      .check(z.maxLength(d.max ?? 5000, { error: `must be at most ${d.max ?? 5000} characters` })),
    { ...d, kind: 'longText' },
  );
}

export function email(d: Described) {
  return describe(
    z.email({ error: 'expected an email address like name@example.org' }).check(z.maxLength(254)),
    {
      ...d,
      kind: 'email',
    },
  );
}

/**
 * A person the system can reach, named by their email: an adviser, a directory user or a contact
 * of a member organisation. Stored as typed;
 * compared without regard to case. The rules check that such a person exists and can see the record.
 */
export function person(d: Described) {
  return describe(
    z
      .email({ error: 'expected the email address of a person, like name@example.org' })
      .check(z.maxLength(254)),
    { ...d, kind: 'email', refType: 'person' },
  );
}

export function url(d: Described) {
  return describe(
    z
      .url({ protocol: /^https?$/, error: 'expected a web address starting with https://' })
      .check(z.maxLength(500)),
    { ...d, kind: 'url' },
  );
}

export function date(d: Described) {
  return describe(
    z
      .string({ error: 'expected a date like 2026-03-01' })
      .check(z.refine(isIsoDate, { error: 'expected a date like 2026-03-01 (year-month-day)' })),
    { ...d, kind: 'date' },
  );
}

/** A time of day in New Zealand, 24-hour "09:30", kept as text so a sheet never turns it into a date. */
export function timeOfDay(d: Described) {
  return text({
    ...d,
    max: 5,
    pattern: { regex: /^([01]\d|2[0-3]):[0-5]\d$/, expected: 'expected a 24-hour time like 09:30 or 17:00' },
    example: d.example ?? '09:30',
  });
}

export function quarter(d: Described) {
  return describe(
    z
      .string({ error: 'expected a quarter like 2026-Q3' })
      .check(z.regex(/^\d{4}-Q[1-4]$/, { error: 'expected a quarter like 2026-Q3' })),
    { ...d, kind: 'quarter' },
  );
}

export function integer(d: Described & { min?: number; max?: number }) {
  const min = d.min ?? 0;
  const max = d.max ?? 1_000_000_000;
  return describe(
    z
      .int({ error: 'expected a whole number' })
      .check(
        z.gte(min, { error: `must be ${min} or more` }),
        z.lte(max, { error: `must be ${max} or less` }),
      ),
    { ...d, kind: 'integer' },
  );
}

/** A non-negative decimal with at most two places (hours and the like). */
export function decimal(d: Described & { max: number }) {
  return describe(
    z.number({ error: 'expected a number' }).check(
      z.gte(0, { error: 'must be 0 or more' }),
      z.lte(d.max, { error: `must be ${d.max} or less` }),
      z.refine((n) => Math.round(n * 100) === n * 100, { error: 'use at most two decimal places' }),
    ),
    { ...d, kind: 'decimal' },
  );
}

/** NZD as a decimal string ("1250000.00"), never a float that rounds. */
export function money(d: Described) {
  return describe(
    z
      .string({ error: 'expected an amount in dollars like 1250.50, written as text' })
      .check(z.regex(/^\d{1,12}(\.\d{1,2})?$/, { error: 'expected an amount in dollars like 1250.50' })),
    { ...d, kind: 'money' },
  );
}

export function boolean(d: Described) {
  return describe(z.boolean({ error: 'expected true or false' }), { ...d, kind: 'boolean' });
}

export function oneOf<const T extends readonly [string, ...string[]]>(options: T, d: Described) {
  return describe(z.enum(options, { error: `expected one of: ${options.join(', ')}` }), {
    ...d,
    kind: 'enum',
    options,
  });
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** The id of another record, checked to exist (and be in reach) when written. */
export function ref(refType: string, d: Described) {
  return describe(
    z
      .string({ error: `expected the id of a ${refType}` })
      .check(z.regex(ID_RE, { error: `expected the id of a ${refType}` })),
    {
      ...d,
      kind: 'reference',
      refType,
    },
  );
}

export function refs(refType: string, d: Described & { min?: number; max?: number }) {
  return describe(
    z
      .array(z.string().check(z.regex(ID_RE, { error: `expected the id of a ${refType}` })), {
        error: `expected a list of ${refType} ids`,
      })
      .check(
        z.minLength(d.min ?? 0, { error: `name at least ${d.min ?? 0}` }),
        z.maxLength(d.max ?? 100, { error: `name at most ${d.max ?? 100}` }),
      ),
    { ...d, kind: 'references', refType },
  );
}

export function fieldMeta(schema: z.core.$ZodType): FieldMeta | undefined {
  const direct = fieldRegistry.get(schema);
  if (direct) return direct;
  // Optional and nullable wrappers keep the metadata on the inner schema.
  const inner = (schema._zod.def as { innerType?: z.core.$ZodType }).innerType;
  return inner ? fieldMeta(inner) : undefined;
}
