import * as iam from 'aws-cdk-lib/aws-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_INDEXES } from '../../../functions/store/table-schema.ts';
import { NodeFunction } from '../../../infra/lib/node-function.ts';
import { type AwsCall, reachableAwsCalls } from './least-privilege/calls-in-code.ts';
import { buildStack, cachedSynth, EVERYTHING_ON, type SynthesizedStack, synthesized } from './synth-stack.ts';

const synth = cachedSynth();

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Every statement of the inline policies attached to a role. */
function statementsOf(
  synthesized: SynthesizedStack,
  role: { node: { defaultChild?: unknown } },
): Statement[] {
  const policies = synthesized.template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: synthesized.logicalId(role) }] },
  });
  return Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
  );
}

/** Every function in the stack: the check covers functions added later without naming them. */
function functionsOf(synthesized: SynthesizedStack): NodeFunction[] {
  return synthesized.stack.node.findAll().filter((c): c is NodeFunction => c instanceof NodeFunction);
}

/**
 * Grants that serve the platform rather than a call in the code: writing the function's own logs,
 * sending traces, using the data key for an encrypted store or environment, and Lambda sending a
 * failed asynchronous invocation to the function's own failure destination.
 */
function platformGrant(
  synthesized: SynthesizedStack,
  fn: NodeFunction,
  action: string,
  resource: unknown,
): boolean {
  if (/^(logs|xray|kms):/.test(action)) return true;
  if (!action.startsWith('sqs:')) return false;
  const configs = synthesized.template.findResources('AWS::Lambda::EventInvokeConfig', {
    Properties: { FunctionName: { Ref: synthesized.logicalId(fn.function) } },
  });
  const destinations = Object.values(configs).map(
    (config) => config.Properties.DestinationConfig?.OnFailure?.Destination,
  );
  return destinations.some((destination) => JSON.stringify(destination) === JSON.stringify(resource));
}

/** The data-plane actions granted to a function's role (platform grants left out). */
function grantedActions(synthesized: SynthesizedStack, fn: NodeFunction): Set<string> {
  const granted = new Set<string>();
  for (const statement of statementsOf(synthesized, fn.role)) {
    for (const action of asList(statement.Action)) {
      for (const resource of asList(statement.Resource)) {
        if (!platformGrant(synthesized, fn, action, resource)) granted.add(action);
      }
    }
  }
  return granted;
}

/** What is granted without a caller and what is called without a grant, in words a reviewer can act on. */
function compare(granted: Set<string>, calls: AwsCall[]) {
  const needed = new Set(calls.flatMap((call) => call.actions));
  const where = (action: string) =>
    calls
      .filter((call) => call.actions.includes(action))
      .map((call) => `${call.file.replace(/.*\/functions\//, 'functions/')}:${call.line}`)
      .join(', ');
  return {
    grantedWithoutCaller: [...granted].filter((action) => !needed.has(action)).sort(),
    calledWithoutGrant: [...needed]
      .filter((action) => !granted.has(action))
      .map((action) => `${action} (${where(action)})`)
      .sort(),
  };
}

describe('least privilege derived from the code', () => {
  const prod = () => synth(EVERYTHING_ON);
  const callsByEntry = new Map<string, AwsCall[]>();
  beforeAll(async () => {
    // Act, shared by the tests below: bundle each function's entry and find the AWS calls it can reach.
    for (const fn of functionsOf(prod())) callsByEntry.set(fn.entry, await reachableAwsCalls(fn.entry));
  });

  it('should grant every function exactly the AWS actions its code sends, no more and no fewer', () => {
    // Act
    const synthesized = prod();

    // Assess
    const functions = functionsOf(synthesized);
    // The API, the nightly aggregation and the reminders at least.
    expect(functions.length).toBeGreaterThanOrEqual(3);
    for (const fn of functions) {
      const result = compare(grantedActions(synthesized, fn), callsByEntry.get(fn.entry)!);
      expect(result, fn.node.path).toEqual({ grantedWithoutCaller: [], calledWithoutGrant: [] });
    }
  });

  it("should find the record writes in the records function and the public one (owners' action links) only, and none in the nightly job, which only pages through records", () => {
    // Prepare
    const actions = (entry: string) => new Set(callsByEntry.get(entry)!.flatMap((call) => call.actions));
    const { stack } = prod();

    // Assess
    expect(actions(stack.api.handler.entry)).toEqual(
      new Set([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
      ]),
    );
    // The API's other functions read; the public one also keeps reminder settings and the action an
    // owner's signed link names, through the records' write path.
    // The knowledge function also reads the search index the aggregation saves.
    expect(actions(stack.api.functions.knowledge.entry)).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:Query', 's3:GetObject']),
    );
    // The reports function also previews a group's next digest, which reads each recipient's
    // unsubscribes and last digest in batches.
    expect(actions(stack.api.functions.reports.entry)).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 's3:GetObject']),
    );
    expect(actions(stack.api.functions.public.entry)).toEqual(
      new Set([
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'secretsmanager:GetSecretValue',
      ]),
    );
    expect(actions(stack.aggregation.handler.entry)).toEqual(
      new Set(['dynamodb:Query', 's3:GetObject', 's3:PutObject']),
    );
    // The reminders job: records and people by query, settings in batches, the sent log in
    // transactions (puts, and deletes when SES refuses) marked sent by an update; SES and the link secret.
    expect(actions(stack.reminders!.handler.entry)).toEqual(
      new Set([
        'dynamodb:Query',
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'ses:SendEmail',
        'secretsmanager:GetSecretValue',
      ]),
    );
  });

  it('should fail when a grant has no caller', () => {
    // Prepare
    const { app, stack } = buildStack({ env: 'prod' });
    stack.api.handler.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [stack.records.table.tableArn] }),
    );

    // Act
    const result = compare(
      grantedActions(synthesized(app, stack), stack.api.handler),
      callsByEntry.get(stack.api.handler.entry)!,
    );

    // Assess
    expect(result.grantedWithoutCaller).toEqual(['dynamodb:Scan']);
  });

  it('should fail when a call has no grant', () => {
    // Prepare
    const synthesized = prod();
    const fn = synthesized.stack.aggregation.handler;

    // Act
    const calls: AwsCall[] = [
      ...callsByEntry.get(fn.entry)!,
      {
        file: '/x/functions/store/new.ts',
        line: 3,
        member: 'erase',
        command: 'Delete',
        actions: ['dynamodb:DeleteItem'],
      },
    ];

    // Assess
    expect(compare(grantedActions(synthesized, fn), calls).calledWithoutGrant).toEqual([
      'dynamodb:DeleteItem (functions/store/new.ts:3)',
    ]);
  });
});

function tableResources(synthesized: SynthesizedStack) {
  const tableArn = synthesized.resolve(synthesized.stack.records.table.tableArn);
  return [
    tableArn,
    ...Object.values(TABLE_INDEXES).map((index) => ({
      'Fn::Join': ['', [tableArn, `/index/${index.name}`]],
    })),
  ];
}

const snapshotKey = (synthesized: SynthesizedStack, suffix: string) => ({
  'Fn::Join': ['', [synthesized.resolve(synthesized.stack.snapshots.bucketArn), suffix]],
});

/** Resources of the statements that grant any action of `service`. */
function resourcesFor(synthesized: SynthesizedStack, fn: NodeFunction, service: string) {
  return statementsOf(synthesized, fn.role)
    .filter((statement) => asList(statement.Action).some((action) => action.startsWith(`${service}:`)))
    .flatMap((statement) => asList(statement.Resource));
}

describe('what the grants reach', () => {
  it('should name the table and each index, never index/*', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const fn of functionsOf(synthesized)) {
      const resources = resourcesFor(synthesized, fn, 'dynamodb');
      if (resources.length === 0) continue;
      expect(resources, fn.node.path).toEqual(expect.arrayContaining(tableResources(synthesized)));
      expect(resources, fn.node.path).toHaveLength(tableResources(synthesized).length);
    }
  });

  it("should let the API's reports function read the full snapshots only, the knowledge function the saved search index only, and the nightly job write them all", () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { api, aggregation } = synthesized.stack;

    expect(resourcesFor(synthesized, api.functions.reports, 's3')).toEqual(
      expect.arrayContaining([
        snapshotKey(synthesized, '/snapshots/*'),
        snapshotKey(synthesized, '/latest.json'),
      ]),
    );
    expect(resourcesFor(synthesized, api.functions.reports, 's3')).toHaveLength(2);
    expect(resourcesFor(synthesized, api.functions.knowledge, 's3')).toEqual([
      snapshotKey(synthesized, '/search/*'),
    ]);
    for (const name of ['records', 'public', 'pages'] as const)
      expect(resourcesFor(synthesized, api.functions[name], 's3'), name).toEqual([]);
    expect(resourcesFor(synthesized, aggregation.handler, 's3')).toHaveLength(4);
    expect(resourcesFor(synthesized, aggregation.handler, 's3')).toEqual(
      expect.arrayContaining([snapshotKey(synthesized, '/public/*'), snapshotKey(synthesized, '/search/*')]),
    );
  });

  it('should use only the data key for encryption', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const keyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);
    for (const fn of functionsOf(synthesized)) {
      for (const resource of resourcesFor(synthesized, fn, 'kms'))
        expect(resource, fn.node.path).toEqual(keyArn);
    }
  });

  it('should move every table grant to the table named by context after a restore', () => {
    // Act
    const synthesized = synth({ env: 'prod', context: { tableName: 'records-restored' } });

    // Assess
    const rendered = JSON.stringify(
      functionsOf(synthesized).map((fn) => resourcesFor(synthesized, fn, 'dynamodb')),
    );

    expect(rendered).toContain(':table/records-restored');
    expect(rendered).not.toContain(synthesized.logicalId(synthesized.stack.records.table));
  });
});
