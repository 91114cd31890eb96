import type { FieldDescription, RecordDefinition } from '../records/definition.ts';
import type { Schema } from './openapi-parts.ts';

/**
 * Example values for each record type, made from its field definitions so that every type has a
 * request and response example that its own schema accepts (the lint checks that they do).
 */

const EXAMPLE_IDS: Record<string, string> = {
  region: 'northland',
  council: 'whangarei-district',
};
const EXAMPLE_ULID = '01JD3XKQ5B0M8Y2T6W4N7P9R1S';
const EXAMPLE_TIME = '2026-03-02T21:15:04.000Z';

function exampleId(refType: string | undefined): string {
  return EXAMPLE_IDS[refType ?? ''] ?? EXAMPLE_ULID;
}

function exampleFor(field: FieldDescription, property: Schema): unknown {
  if (field.example !== undefined) return field.example;
  switch (field.kind) {
    case 'text':
      return `Example ${field.title.toLowerCase()}`.slice(0, Number(property.maxLength ?? 200));
    case 'longText':
      return `Notes on the ${field.title.toLowerCase()}, written by the regional adviser.`;
    case 'email':
      return 'adviser@example.org';
    case 'url':
      return 'https://example.org/';
    case 'date':
      return '2026-03-01';
    case 'quarter':
      return '2026-Q1';
    case 'integer':
      return Math.max(Number(property.minimum ?? 0), Math.min(12, Number(property.maximum ?? 12)));
    case 'decimal':
      return Math.min(1.5, Number(property.maximum ?? 1.5));
    case 'money':
      return '125000.00';
    case 'boolean':
      return true;
    case 'enum':
      return field.options?.[0];
    case 'reference':
      return exampleId(field.refType);
    case 'references':
      // As many distinct ids as the field needs (a buddy pair names two partners).
      return Array.from({ length: Math.max(1, Number(property.minItems ?? 1)) }, (_, i) =>
        i === 0 ? exampleId(field.refType) : `${EXAMPLE_ULID.slice(0, -1)}${i}`,
      );
  }
}

/** Values for every editable field, as a client would send them. */
export function exampleValues(definition: RecordDefinition, valuesSchema: Schema): Schema {
  const properties = (valuesSchema.properties ?? {}) as Record<string, Schema>;
  return Object.fromEntries(
    definition.fields
      .filter((field) => !field.derived && properties[field.name])
      .map((field) => [field.name, exampleFor(field, properties[field.name]!)]),
  );
}

/** The record as the API answers with it. */
export function exampleRecord(definition: RecordDefinition, values: Schema, version = 3) {
  const regionId = definition.type === 'region' ? exampleId('region') : EXAMPLE_IDS.region!;
  return {
    id: EXAMPLE_IDS[definition.type] ?? EXAMPLE_ULID,
    type: definition.type,
    regionId,
    ...(definition.councilField ? { councilId: exampleId('council') } : {}),
    version,
    createdAt: '2026-03-01T20:02:11.000Z',
    createdBy: 'adviser@example.org',
    updatedAt: EXAMPLE_TIME,
    updatedBy: 'adviser@example.org',
    values,
  };
}

/** A merge patch that changes one field: the first optional or text field. */
export function examplePatch(definition: RecordDefinition, values: Schema): Schema {
  const field =
    definition.fields.find((f) => !f.derived && !f.required && f.name in values) ??
    definition.fields.find((f) => !f.derived && f.name in values);
  if (!field) return {};
  return field.required ? { [field.name]: values[field.name] } : { [field.name]: null };
}
