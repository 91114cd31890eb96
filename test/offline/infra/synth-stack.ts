import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { EdgeProtectionStack } from '../../../infra/lib/edge-protection-stack.ts';
import { type EnvironmentName, readEnvironmentConfig } from '../../../infra/lib/environment-config.ts';
import { createEnvironmentStacks } from '../../../infra/lib/environment-stacks.ts';
import { PROJECT_ROOT } from '../../../infra/lib/handler-entries.ts';
import type { RecordsStack } from '../../../infra/lib/records-stack.ts';

export const TEST_GOOGLE_CLIENT_ID = '123456789-test.apps.googleusercontent.com';
/** prod with every optional part switched on (reminders), so checks over all functions see them all. */
export const EVERYTHING_ON: SynthOptions = {
  env: 'prod',
  context: { reminderSender: 'reminders@records.example.nz' },
};

export const DASHBOARD_FIXTURE = path.join(import.meta.dirname, 'fixtures/dashboard-dist');

/** The feature flags and other context in cdk.json, so tests synthesize what `cdk synth` does. */
const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8'),
).context;

export interface SynthOptions {
  env: EnvironmentName;
  /** Extra `-c key=value` context. */
  context?: Record<string, unknown>;
  siteAssetsPath?: string;
}

export interface SynthesizedStack {
  app: App;
  stack: RecordsStack;
  template: Template;
  /** The CloudFormation form of a token, e.g. `{ 'Fn::GetAtt': [...] }`, for matching in the template. */
  resolve: (value: unknown) => unknown;
  /** The logical id of a construct's CloudFormation resource. */
  logicalId: (construct: { node: { defaultChild?: unknown } }) => string;
}

/**
 * Builds one environment's stack as the CDK app would, but without bundling Lambda code or the
 * CloudFormation schema check (both slow, neither about the template's shape), and with the operator
 * context a real deployment would have. Nothing is synthesized yet.
 */
export function buildStack(options: SynthOptions): {
  app: App;
  stack: RecordsStack;
  edge: EdgeProtectionStack;
} {
  const app = new App({
    // The schema check `cdk synth` runs costs ~9 s per process; infra/bin/app.ts keeps it on.
    builtinCloudFormationValidation: false,
    context: {
      ...CDK_JSON_CONTEXT,
      'aws:cdk:bundling-stacks': [],
      env: options.env,
      googleClientId: TEST_GOOGLE_CLIENT_ID,
      accessContact: 'records-admin@example.org',
      reminderSender: 'reminders@records.example.org',
      ...options.context,
    },
  });
  const config = readEnvironmentConfig(app.node);
  const { records, edge } = createEnvironmentStacks(app, config, {
    account: undefined,
    siteAssetsPath: options.siteAssetsPath,
  });
  return { app, stack: records, edge };
}

/** Builds and synthesizes one environment's stack, with helpers for asserting on its template. */
export function synthStack(
  options: SynthOptions,
): SynthesizedStack & { edge: EdgeProtectionStack; edgeTemplate: Template } {
  const { app, stack, edge } = buildStack(options);
  return { ...synthesized(app, stack), edge, edgeTemplate: Template.fromStack(edge) };
}

/** Synthesizes a stack built (and perhaps changed) by a test. */
export function synthesized(app: App, stack: RecordsStack): SynthesizedStack {
  return {
    app,
    stack,
    template: Template.fromStack(stack),
    resolve: (value) => stack.resolve(value),
    logicalId: (construct) => stack.getLogicalId(construct.node.defaultChild as never),
  };
}

/** Synthesizes each distinct set of options once per test file. */
export function cachedSynth(): (options: SynthOptions) => ReturnType<typeof synthStack> {
  const cache = new Map<string, ReturnType<typeof synthStack>>();
  return (options) => {
    const key = JSON.stringify(options);
    let synthesized = cache.get(key);
    if (!synthesized) {
      synthesized = synthStack(options);
      cache.set(key, synthesized);
    }
    return synthesized;
  };
}

/**
 * Renders a CloudFormation string expression with references written as `${Ref:Id}` and
 * `${Id.Attr}`, so values such as the JSON in `AUTH_ISSUERS` can be parsed and asserted.
 */
export function renderCfnString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [[intrinsic, argument]] = Object.entries(value) as [[string, unknown]];
    if (intrinsic === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map(renderCfnString).join(separator);
    }
    if (intrinsic === 'Ref') return `\${Ref:${String(argument)}}`;
    if (intrinsic === 'Fn::GetAtt') return `\${${(argument as string[]).join('.')}}`;
  }
  throw new Error(`Cannot render ${JSON.stringify(value)} as a string`);
}
