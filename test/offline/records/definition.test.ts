import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRecord } from '../../../functions/records/definition.ts';
import { text } from '../../../functions/records/fields.ts';

/** A throwaway record type whose schema builder counts how often it runs. */
function probeDefinition() {
  const counter = { builds: 0 };
  const definition = defineRecord({
    type: 'probe',
    path: 'probes',
    label: 'Probe',
    pluralLabel: 'Probes',
    description: 'A record type made for this test.',
    schema: () => {
      counter.builds += 1;
      return z.object({ name: text({ title: 'Name', help: 'What the probe is called' }) });
    },
    scope: 'self',
  });
  return { definition, counter };
}

describe('defineRecord', () => {
  it('should build no schema when a type is defined, so a cold start pays only for the types it uses', () => {
    // Act
    const { counter } = probeDefinition();

    // Assess
    expect(counter.builds).toBe(0);
  });

  it('should build the schema once, on first use, and describe its fields from it', () => {
    // Prepare
    const { definition, counter } = probeDefinition();

    // Act
    const fields = definition.fields;
    const schema = definition.schema;
    const again = definition.schema;

    // Assess
    expect(counter.builds).toBe(1);
    expect(again).toBe(schema);
    expect(fields.map((f) => [f.name, f.title, f.required, f.derived])).toEqual([
      ['name', 'Name', true, false],
    ]);
  });

  it('should refuse fields the type does not declare (the built schema is strict)', () => {
    // Prepare
    const { definition } = probeDefinition();

    // Act
    const result = z.safeParse(definition.schema, { name: 'Kaitaia', colour: 'blue' });

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });
});
