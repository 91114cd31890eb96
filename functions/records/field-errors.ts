import type * as z from 'zod/mini';
import type { FieldError, RecordDefinition } from './definition.ts';

function show(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 80) return `${value.slice(0, 77)}...`;
  return value;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Turns zod's issues into one plain-words entry per bad field: which field, what was expected,
 * what was given. Unknown and system-set fields are named as such.
 */
export function fieldErrorsFromZod(
  definition: RecordDefinition,
  error: z.core.$ZodError,
  input: unknown,
): FieldError[] {
  const errors: FieldError[] = [];
  const known = definition.fields.filter((f) => !f.derived).map((f) => f.name);
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const derived = definition.fields.find((f) => f.name === key && f.derived);
        const system = [
          'id',
          'type',
          'version',
          'regionId',
          'councilId',
          'createdAt',
          'createdBy',
          'updatedAt',
          'updatedBy',
          'deletedAt',
          'deletedBy',
        ];
        errors.push({
          field: key,
          message: derived
            ? `${key} is set by the system (${derived.help.replace(/^Set by the system: /, '')}); leave it out`
            : system.includes(key)
              ? `${key} is set by the system; leave it out of the values`
              : `unknown field "${key}"; the fields of ${definition.label.toLowerCase()} records are: ${known.join(', ')}`,
          received: show(valueAt(input, [...issue.path, key])),
        });
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(record)';
    const received = valueAt(input, issue.path);
    const required = received === undefined;
    errors.push({
      field,
      message: required
        ? `is required: ${issue.message}`
        : `${issue.message}, got ${JSON.stringify(show(received))}`,
      ...(required ? {} : { received: show(received) }),
    });
  }
  return errors;
}
