import type { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';

/**
 * How every Lambda bundle is built. One object, read by `NodeFunction` (through CDK's NodejsFunction)
 * and by `infra/measure-bundle.ts` (through esbuild's API), so the measured bundle is the deployed one.
 */
export const LAMBDA_BUNDLE = {
  /** Matches the runtime below; lets esbuild keep modern syntax instead of down-levelling it. */
  target: 'node24',
  format: nodejs.OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  /** Stack traces only need names and lines; embedding the sources would double the upload. */
  sourcesContent: false,
  /** Prefer ESM entry points of dependencies so esbuild can drop what the handler never imports. */
  mainFields: ['module', 'main'],
  /** The Node.js Lambda runtime ships AWS SDK v3; bundling it would cost size and cold start. */
  externalModules: ['@aws-sdk/*'],
  /** Some CommonJS dependencies call `require` for Node built-ins, which ESM output does not define. */
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

/** Newest Node.js runtime in aws-cdk-lib 2.276; cdk-nag's AwsSolutions-L1 insists on the latest. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Powertools metrics from every function land in one CloudWatch namespace. */
export const METRICS_NAMESPACE = 'PartnershipRecords';

export interface NodeFunctionProps {
  /** Absolute path of the TypeScript entry file; it must export `handler`. */
  entry: string;
  description: string;
  /** POWERTOOLS_SERVICE_NAME: names the service in every log line and metric. */
  serviceName: string;
  config: EnvironmentConfig;
  environment?: Record<string, string>;
  timeout: Duration;
  memorySize: number;
  /** Caps concurrency, e.g. so a nightly job never runs twice at once. */
  reservedConcurrentExecutions?: number;
}

/**
 * A Node.js Lambda function with the project's defaults fixed once: runtime, arm64, ESM bundle with
 * source maps, an explicit log group with retention, Powertools settings, and its own role that can
 * write only to that log group (no AWS managed policy, whose log permissions span every log group).
 */
export class NodeFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.config.logRetention,
      removalPolicy: props.config.removalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.description} (${props.config.name})`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      // Lambda writes console output as JSON with the request id, so a handler can log
      // structured lines without a logging library in its bundle.
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.config.logLevel,
        ...props.environment,
      },
      bundling: {
        target: LAMBDA_BUNDLE.target,
        format: LAMBDA_BUNDLE.format,
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourceMap,
        sourcesContent: LAMBDA_BUNDLE.sourcesContent,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        externalModules: [...LAMBDA_BUNDLE.externalModules],
        banner: LAMBDA_BUNDLE.banner,
        // Bundle with the esbuild in node_modules: synth must work without Docker.
        forceDockerBundling: false,
      },
    });
  }
}
