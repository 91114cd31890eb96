import { describe, expect, it } from 'vitest';
import { TABLE_INDEXES } from '../../../functions/store/table-schema.ts';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../../infra/lib/records-table.ts';
import { cachedSynth, type SynthesizedStack } from './synth-stack.ts';

const synth = cachedSynth();

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the inline policies attached to a role, log-writing statement excluded. */
function statementsOf(
  synthesized: SynthesizedStack,
  role: { node: { defaultChild?: unknown } },
): Statement[] {
  const policies = synthesized.template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: synthesized.logicalId(role) }] },
  });
  return Object.values(policies)
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => ![statement.Action].flat().every((action) => action.startsWith('logs:')));
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** IAM policy minimization sorts actions and resources; compare statements as sets. */
function normalised(statement: Statement) {
  const sorted = (value: unknown) =>
    asList(value)
      .map((item) => JSON.stringify(item))
      .sort();
  return { Effect: statement.Effect, Action: sorted(statement.Action), Resource: sorted(statement.Resource) };
}

function tableResources(synthesized: SynthesizedStack) {
  const tableArn = synthesized.resolve(synthesized.stack.records.table.tableArn);
  return [
    tableArn,
    ...Object.values(TABLE_INDEXES).map((index) => ({
      'Fn::Join': ['', [tableArn, `/index/${index.name}`]],
    })),
  ];
}

function snapshotResources(synthesized: SynthesizedStack) {
  const bucketArn = synthesized.resolve(synthesized.stack.snapshots.bucketArn);
  return [
    { 'Fn::Join': ['', [bucketArn, '/snapshots/*']] },
    { 'Fn::Join': ['', [bucketArn, '/latest.json']] },
    { 'Fn::Join': ['', [bucketArn, '/public/*']] },
  ];
}

describe('API function permissions', () => {
  it('should reach only the table, its indexes by name, and the snapshot keys', () => {
    const synthesized = synth({ env: 'prod' });
    const statements = statementsOf(synthesized, synthesized.stack.api.handler.role);

    const resources = statements.flatMap((statement) => asList(statement.Resource));
    expect(resources).toEqual(
      expect.arrayContaining([...tableResources(synthesized), ...snapshotResources(synthesized)]),
    );
    expect(resources).toHaveLength(
      tableResources(synthesized).length + snapshotResources(synthesized).length,
    );
  });

  it('should read and write items but never scan, and only read snapshots', () => {
    const synthesized = synth({ env: 'prod' });
    const statements = statementsOf(synthesized, synthesized.stack.api.handler.role);

    expect(statements.map(normalised)).toEqual(
      expect.arrayContaining(
        [
          {
            Effect: 'Allow',
            Action: [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
            Resource: tableResources(synthesized),
          },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: snapshotResources(synthesized) },
        ].map(normalised),
      ),
    );
    expect(statements.flatMap((statement) => asList(statement.Action))).not.toContain('dynamodb:Scan');
  });
});

describe('aggregation function permissions', () => {
  it('should only read the table, and only read and write snapshot keys', () => {
    const synthesized = synth({ env: 'prod' });
    const statements = statementsOf(synthesized, synthesized.stack.aggregation.handler.role);

    expect(statements.map(normalised)).toEqual(
      expect.arrayContaining(
        [
          { Effect: 'Allow', Action: [...TABLE_READ_ACTIONS], Resource: tableResources(synthesized) },
          {
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: snapshotResources(synthesized),
          },
        ].map(normalised),
      ),
    );
    // Beyond these, only the failure destination: sending to the failed-runs queue.
    const others = statements.filter(
      (statement) => !asList(statement.Action).some((a) => /^(dynamodb|s3):/.test(a)),
    );
    expect(others.map(normalised)).toEqual([
      normalised({
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        Resource: synthesized.resolve(synthesized.stack.aggregation.failedRuns.queueArn),
      }),
    ]);
  });
});

describe('restored table', () => {
  it('should move every grant to the table named by context', () => {
    const synthesized = synth({ env: 'prod', context: { tableName: 'records-restored' } });
    const statements = [
      ...statementsOf(synthesized, synthesized.stack.api.handler.role),
      ...statementsOf(synthesized, synthesized.stack.aggregation.handler.role),
    ].filter((statement) => asList(statement.Action).some((action) => action.startsWith('dynamodb:')));

    const rendered = JSON.stringify(statements.map((statement) => statement.Resource));
    expect(rendered).toContain(':table/records-restored');
    expect(rendered).not.toContain(synthesized.logicalId(synthesized.stack.records.table));
  });
});
