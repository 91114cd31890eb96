import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { KEY_ATTRIBUTES, TABLE_INDEXES, TABLE_KEYS } from '../../../functions/store/table-schema.ts';
import { cachedSynth } from './synth-stack.ts';

const synth = cachedSynth();

describe('records table', () => {
  it('should use the keys and indexes declared in functions/store/table-schema.ts', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: Object.values(TABLE_INDEXES).map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('should declare every key attribute as a string', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));

    const definitions = table?.Properties.AttributeDefinitions as {
      AttributeName: string;
      AttributeType: string;
    }[];
    expect(definitions.map((d) => d.AttributeName).sort()).toEqual([...KEY_ATTRIBUTES].sort());
    expect(definitions.every((d) => d.AttributeType === 'S')).toBe(true);
  });

  it('should bill on demand, keep point-in-time recovery, stream both images and encrypt at rest', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('should protect the prod table from deletion and keep it when removed from the stack', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('should let the dev table go with the stack', () => {
    // Act
    const { template } = synth({ env: 'dev' });

    // Assess
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });

  it('should point the functions at a restored table named by context, keeping its own table', () => {
    // Act
    const { template } = synth({ env: 'prod', context: { tableName: 'records-restored-2026-03-01' } });

    // Assess
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    for (const fn of Object.values(
      template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } }),
    )) {
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe('records-restored-2026-03-01');
    }
    template.hasOutput('TableName', { Value: 'records-restored-2026-03-01' });
    template.hasOutput('StackTableName', {});
  });
});
