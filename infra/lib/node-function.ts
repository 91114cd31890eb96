import { type Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { dataKeyOf, grantDataKeyUse } from './data-key.ts';
import { createEncryptedLogGroup } from './encrypted-log-group.ts';
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
const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

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
  /**
   * Name under which `config.reservedConcurrency` may reserve concurrency for this function
   * (`api`, `aggregate`, ...). prod reserves for every function; a test checks none is left out.
   */
  concurrencyName: string;
}

/**
 * A Node.js Lambda function with the project's defaults fixed once: runtime, arm64, ESM bundle with
 * source maps, X-Ray active tracing, a log group of its own encrypted with the stack's data key,
 * environment variables encrypted with the same key, the environment's reserved concurrency,
 * Powertools settings, and its own role that can write only to that log group (no AWS managed
 * policy, whose log permissions span every log group). Every function in the stack is one of these,
 * so the template tests and cdk-nag see each new one without being told.
 */
export class NodeFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** The TypeScript entry: the least-privilege test scans the code it reaches for AWS calls. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.entry = props.entry;

    this.logGroup = createEncryptedLogGroup(this, 'Logs', props.config);

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
      // Lambda records each invocation as a trace; the handlers add their AWS calls as subsegments
      // (functions/observability/xray-subsegments.ts).
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: props.config.reservedConcurrency[props.concurrencyName],
      environmentEncryption: dataKeyOf(this),
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
    // Lambda decrypts the environment with the execution role's permission.
    grantDataKeyUse(this, this.role, 'read');
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
        'permissions, so Lambda adds them on Resource *; they only send trace data.',
    });
  }
}
