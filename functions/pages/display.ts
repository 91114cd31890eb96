import type { FieldDescription, RecordDefinition, StoredRecord } from '../records/definition.ts';
import { PARTY_SHORT_NAMES } from '../records/sign-offs.ts';

/**
 * Record values in words, as the record and council pages show them: dates as New Zealanders
 * write them, yes/no, money in dollars, enum values without their dashes. One place, so a value
 * reads the same in a record's fields and in its history.
 */

const LONG_DATE = new Intl.DateTimeFormat('en-NZ', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const MONEY = new Intl.NumberFormat('en-NZ', { style: 'currency', currency: 'NZD' });
const NUMBER = new Intl.NumberFormat('en-NZ', { maximumFractionDigits: 2 });

export function dateInWords(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? LONG_DATE.format(new Date(`${day}T00:00:00Z`)) : day;
}

function sentenceCase(value: string): string {
  const words = value.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value in words; references are named by `nameOf` (undefined when not readable). */
export function valueInWords(
  field: Pick<FieldDescription, 'kind' | 'refType'> | undefined,
  value: unknown,
  nameOf: (type: string, id: string) => string | undefined = () => undefined,
): string {
  if (value === undefined || value === null || value === '') return 'Not recorded';
  switch (field?.kind) {
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'date':
      return dateInWords(String(value));
    case 'money':
      return MONEY.format(Number(value));
    case 'integer':
    case 'decimal':
      return NUMBER.format(Number(value));
    case 'enum':
      return sentenceCase(String(value));
    case 'reference':
      return field.refType ? (nameOf(field.refType, String(value)) ?? String(value)) : String(value);
    case 'references':
      return Array.isArray(value)
        ? value.length === 0
          ? 'None'
          : value
              .map((id) => (field.refType ? (nameOf(field.refType, String(id)) ?? String(id)) : String(id)))
              .join(', ')
        : String(value);
    default:
      if (Array.isArray(value)) return value.join(', ');
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

/** The title of a history change's field: the definition's title, or a party's sign-off. */
export function changeTitle(definition: RecordDefinition, field: string): string {
  const party = /^signOff\.(ceg|taskforce)$/.exec(field)?.[1] as keyof typeof PARTY_SHORT_NAMES | undefined;
  if (party) return `${PARTY_SHORT_NAMES[party]} sign-off`;
  return definition.fields.find((f) => f.name === field)?.title ?? field;
}

const NAME_FIELDS = ['name', 'title', 'subject'] as const;
/** Fields that tell apart records that share their references (a council's indicator per period). */
const DISTINGUISHING = ['quarter', 'period', 'weekStarting', 'heldOn', 'periodStart'] as const;

/**
 * A record's name for people: its name, title or subject when it has one; otherwise its type
 * with what it points at and what tells it apart ("Indicator: Christchurch City, 2026-Q3").
 */
export function recordName(
  definition: RecordDefinition,
  record: Pick<StoredRecord, 'id' | 'values'>,
  nameOf: (type: string, id: string) => string | undefined = () => undefined,
): string {
  const v = record.values;
  for (const field of NAME_FIELDS) {
    if (typeof v[field] === 'string' && v[field]) return v[field] as string;
  }
  if (typeof v.projectName === 'string' && typeof v.weekStarting === 'string') {
    return `${v.projectName}, week of ${dateInWords(v.weekStarting)}`;
  }
  if (typeof v.agency === 'string') return `${v.agency}: ${String(v.programme ?? '')}`.replace(/: $/, '');
  const refs = definition.fields
    .filter((f) => f.kind === 'reference' && !f.derived && typeof v[f.name] === 'string')
    .slice(0, 2)
    .map((f) => nameOf(f.refType!, v[f.name] as string) ?? (v[f.name] as string));
  const apart = DISTINGUISHING.filter((f) => typeof v[f] === 'string').map((f) =>
    dateInWords(v[f] as string),
  );
  const parts = [...refs, ...apart];
  return parts.length > 0 ? `${definition.label}: ${parts.join(', ')}` : `${definition.label} ${record.id}`;
}
