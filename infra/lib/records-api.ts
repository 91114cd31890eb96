import { Annotations, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  API_FUNCTIONS,
  type ApiFunctionName,
  apiFunctionFor,
  DEFAULT_API_FUNCTION,
} from '../../functions/api/api-functions.ts';
import { PUBLIC_ROUTES } from '../../functions/api/public-routes.ts';
import { createApiDistribution } from './api-distribution.ts';
import { type AuthIssuer, googleIssuer, machineIssuer, partnerIssuer } from './auth-issuers.ts';
import type { EdgeDistribution, EdgeSettings } from './edge-distribution.ts';
import { type EnvironmentConfig, UNSET_GOOGLE_CLIENT_ID } from './environment-config.ts';
import { addLoggedDefaultStage } from './http-api-stage.ts';
import { type MachineAuth, RECORDS_SCOPES } from './machine-auth.ts';
import { NodeFunction } from './node-function.ts';
import { OriginSecret } from './origin-secret.ts';
import type { RecordsTable, TableAction } from './records-table.ts';
import { grantLinkSecretRead } from './reminders.ts';
import { grantSearchSnapshotRead, grantSnapshotRead } from './snapshot-bucket.ts';

/** Every other API path; HTTP APIs match the most specific route, so `/v1/public/...` stays public. */
const PROTECTED_PATH = '/v1/{proxy+}';

const WRITE_METHODS = [
  apigw.HttpMethod.POST,
  apigw.HttpMethod.PUT,
  apigw.HttpMethod.PATCH,
  apigw.HttpMethod.DELETE,
];

export interface RecordsApiProps {
  config: EnvironmentConfig;
  /** Absolute path of each API function's entry (functions/handlers/api.ts and its siblings). */
  entries: Record<ApiFunctionName, string>;
  table: RecordsTable;
  snapshotBucket: s3.IBucket;
  machineAuth: MachineAuth;
  /** `https://<dashboard domain>`: where GET /docs sends people (the API reference is published with the site). */
  dashboardOrigin: string;
  /** The web ACL and access logs every CloudFront distribution uses. */
  edge: EdgeSettings;
  /** Signs reminder settings links; the API checks them (the settings routes answer 503 without it). */
  reminderLinkSecret?: secretsmanager.ISecret;
}

/** What each API function is given beyond what they all share: its size, limits, settings and grants. */
interface FunctionSettings {
  description: string;
  serviceName: string;
  /** Its share of reserved concurrency in prod (infra/lib/environment-config.ts). */
  concurrencyName: string;
  memorySize: number;
  /** The table actions its code sends (the least-privilege test holds this to the bundled code). */
  tableActions: TableAction[];
}

const FUNCTION_SETTINGS: Record<ApiFunctionName, FunctionSettings> = {
  // Reads a record, its history and the records it names or that name it, and a council's
  // partnership. It reads through the records' service, whose store class (with its write
  // calls) is bundled whole, so it holds the same table actions as the records function although
  // its routes only read (the least-privilege test derives grants from the bundled code).
  pages: {
    description: 'Partnership Records API: what the record and council pages show (Hono app)',
    serviceName: 'records-pages-api',
    concurrencyName: 'pagesApi',
    memorySize: 1024,
    tableActions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    ],
  },
  // Records (get, batch get, query, transactional puts) and the user directory (get, put, delete).
  records: {
    description: 'Partnership Records API: records, sync, sign-offs, people (Hono app)',
    serviceName: 'records-api',
    concurrencyName: 'api',
    // Enough memory for a fast cold start.
    memorySize: 1024,
    tableActions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    ],
  },
  // Reads only: the directory entry of whoever asks, the saved search index (S3), and what changed
  // since it was saved (or, without a sound one, one query per type to build the index).
  knowledge: {
    description: 'Partnership Records API: the national knowledge base (Hono app)',
    serviceName: 'records-knowledge-api',
    concurrencyName: 'knowledgeApi',
    // The search index of every practice and joint venture lives in memory.
    memorySize: 1024,
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query'],
  },
  // Reads only: snapshot files from S3, and the records a weekly report counts.
  reports: {
    description: 'Partnership Records API: dashboard snapshots and reports (Hono app)',
    serviceName: 'records-reports-api',
    concurrencyName: 'reportsApi',
    memorySize: 1024,
    // Batch gets: the digest preview reads the members' sent log and unsubscribes a hundred at a time.
    tableActions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  },
  // Reads records for the open data; writes reminder settings, and the one action an owner's
  // signed link names through the records' write path (batch get, transactional puts).
  public: {
    description: "Partnership Records API: open data, reminder settings and owners' action links (Hono app)",
    serviceName: 'records-public-api',
    concurrencyName: 'publicApi',
    memorySize: 512,
    tableActions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    ],
  },
};

/**
 * The records API: its Lambda functions (one per group of areas, functions/api/api-functions.ts)
 * behind two HTTP APIs that differ only in who may call them. API Gateway allows one authorizer per
 * route and a JWT authorizer trusts one issuer, so:
 *
 * - the people API checks Google ID tokens at the gateway and also serves the public routes;
 * - the machine API checks Cognito access tokens and their scopes at the gateway.
 *
 * Both send each path to the function that serves it, which verifies the token again against both
 * issuers (env AUTH_ISSUERS) because it needs the identity for authorization anyway and runs the
 * same way locally, where there is no gateway. See docs/deploy.md, "Decisions".
 */
export class RecordsApi extends Construct {
  /** The records function, which takes every path no other API function names. */
  readonly handler: NodeFunction;
  /** Every API function by name, the records function included. */
  readonly functions: Record<ApiFunctionName, NodeFunction>;
  readonly peopleApi: apigw.HttpApi;
  readonly machineApi: apigw.HttpApi;
  readonly peopleStage: apigw.HttpStage;
  readonly machineStage: apigw.HttpStage;
  /** CloudFront (with the web ACL) in front of each API: the only way in that the function accepts. */
  readonly peopleDistribution: EdgeDistribution;
  readonly machineDistribution: EdgeDistribution;
  /** The header value proving a request came through CloudFront (the public website sends it too). */
  readonly originSecret: OriginSecret;

  constructor(scope: Construct, id: string, props: RecordsApiProps) {
    super(scope, id);
    const { config, machineAuth } = props;
    if (config.googleClientId === UNSET_GOOGLE_CLIENT_ID) {
      Annotations.of(this).addWarningV2(
        'partnership-records:google-client-id-unset',
        'No googleClientId is set, so nobody can sign in with Google. Set it for this environment (docs/deploy.md).',
      );
    }
    const originSecret = new OriginSecret(this, 'OriginSecret', { config });
    this.originSecret = originSecret;
    const issuers = {
      google: googleIssuer(config.googleClientId),
      machine: machineIssuer(machineAuth.issuer, machineAuth.clientIds),
    };
    const environment = {
      TABLE_NAME: props.table.tableInUse.tableName,
      AUTH_ISSUERS: Stack.of(this).toJsonString([
        issuers.google,
        issuers.machine,
        ...config.partnerIssuers.map(partnerIssuer),
      ] satisfies AuthIssuer[]),
      ACCESS_CONTACT: config.accessContact,
      ORIGIN_VERIFY_SECRET: originSecret.value,
      DASHBOARD_ORIGIN: props.dashboardOrigin,
    };

    const functions = {} as Record<ApiFunctionName, NodeFunction>;
    for (const name of Object.keys(API_FUNCTIONS) as ApiFunctionName[]) {
      const settings = FUNCTION_SETTINGS[name];
      // The records function keeps the place (and logical ids) it had when it was the only one.
      const home = name === DEFAULT_API_FUNCTION ? this : new Construct(this, `${pascal(name)}Api`);
      const fn = new NodeFunction(home, 'Handler', {
        entry: props.entries[name],
        description: settings.description,
        serviceName: settings.serviceName,
        config,
        concurrencyName: settings.concurrencyName,
        memorySize: settings.memorySize,
        // The gateway gives up after 30 s, so stop before that.
        timeout: Duration.seconds(25),
        environment,
      });
      props.table.grant(fn.role, settings.tableActions);
      functions[name] = fn;
    }
    this.functions = functions;
    this.handler = functions[DEFAULT_API_FUNCTION];

    functions.reports.function.addEnvironment('SNAPSHOT_BUCKET', props.snapshotBucket.bucketName);
    grantSnapshotRead(props.snapshotBucket, functions.reports.role);
    // The knowledge function loads the search index the aggregation saves, instead of building it
    // from every practice at each cold start (functions/aggregate/search-snapshots.ts).
    functions.knowledge.function.addEnvironment('SNAPSHOT_BUCKET', props.snapshotBucket.bucketName);
    grantSearchSnapshotRead(props.snapshotBucket, functions.knowledge.role);
    if (props.reminderLinkSecret) {
      functions.public.function.addEnvironment(
        'REMINDER_LINK_SECRET_ARN',
        props.reminderLinkSecret.secretArn,
      );
      grantLinkSecretRead(props.reminderLinkSecret, functions.public.role);
    }

    const people = new Construct(this, 'People');
    this.peopleApi = new apigw.HttpApi(people, 'HttpApi', {
      description: `Partnership Records API for people and the public (${config.name})`,
      createDefaultStage: false,
    });
    this.peopleStage = addLoggedDefaultStage(people, this.peopleApi, { config });
    this.addPeopleRoutes(issuers.google);

    const machines = new Construct(this, 'Machines');
    this.machineApi = new apigw.HttpApi(machines, 'HttpApi', {
      description: `Partnership Records API for machine clients (${config.name})`,
      createDefaultStage: false,
    });
    this.machineStage = addLoggedDefaultStage(machines, this.machineApi, { config });
    this.addMachineRoutes(issuers.machine);

    this.peopleDistribution = createApiDistribution(people, 'Edge', {
      api: this.peopleApi,
      site: 'api',
      comment: `Partnership Records API for people and the public (${config.name})`,
      config,
      edge: props.edge,
      originSecret: originSecret.value,
    });
    this.machineDistribution = createApiDistribution(machines, 'Edge', {
      api: this.machineApi,
      site: 'machineApi',
      comment: `Partnership Records API for machine clients (${config.name})`,
      config,
      edge: props.edge,
      originSecret: originSecret.value,
    });
  }

  /** The API's base URL for people (the add-on) and the public: CloudFront, never API Gateway itself. */
  get peopleUrl(): string {
    return `${this.peopleDistribution.url}/`;
  }

  /** The API's base URL for machine clients. */
  get machineUrl(): string {
    return `${this.machineDistribution.url}/`;
  }

  /** One integration per function and API, made on first use. */
  private integrations(prefix: string): (name: ApiFunctionName) => HttpLambdaIntegration {
    const made = new Map<ApiFunctionName, HttpLambdaIntegration>();
    return (name) => {
      let integration = made.get(name);
      if (!integration) {
        // The records function's integration keeps the id it had when it was the only one.
        const id =
          name === DEFAULT_API_FUNCTION ? `${prefix}Integration` : `${prefix}${pascal(name)}Integration`;
        integration = new HttpLambdaIntegration(id, this.functions[name].function);
        made.set(name, integration);
      }
      return integration;
    };
  }

  private addPeopleRoutes(google: AuthIssuer): void {
    const integrationFor = this.integrations('People');
    for (const route of PUBLIC_ROUTES) {
      const [created] = this.peopleApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrationFor(apiFunctionFor(route.path)),
      });
      Validations.of(created!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design: health check, API description, type catalogue, public records, the reminder settings page or an owner's action page, which their signed links authorise.`,
      });
    }
    const authorizer = new HttpJwtAuthorizer('GoogleAuthorizer', google.issuer, {
      authorizerName: 'google-id-token',
      jwtAudience: google.audience,
    });
    // Every other method of a function's /v1 paths needs a token; a public route's own method stays
    // public (a route naming its method wins over ANY). Outside /v1 only the public routes exist.
    for (const [name, path] of routedPaths().filter(([, path]) => path.startsWith('/v1/'))) {
      this.peopleApi.addRoutes({
        path,
        methods: [apigw.HttpMethod.ANY],
        integration: integrationFor(name),
        authorizer,
      });
    }
  }

  private addMachineRoutes(machine: AuthIssuer): void {
    const integrationFor = this.integrations('Machine');
    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', machine.issuer, {
      authorizerName: 'cognito-client-credentials',
      jwtAudience: machine.audience,
    });
    // Machine clients reach /v1 only. A route accepts a token holding any one of its scopes, so
    // reads and writes are separate routes.
    const byScope = [
      { methods: [apigw.HttpMethod.GET, apigw.HttpMethod.HEAD], scope: RECORDS_SCOPES.read },
      { methods: WRITE_METHODS, scope: RECORDS_SCOPES.write },
    ];
    for (const [name, path] of routedPaths().filter(([, path]) => path.startsWith('/v1/'))) {
      for (const { methods, scope } of byScope) {
        this.machineApi.addRoutes({
          path,
          methods,
          integration: integrationFor(name),
          authorizer,
          authorizationScopes: [scope],
        });
      }
    }
  }
}

/** Each function's paths; the records function takes the protected /v1 proxy, which every other path is more specific than. */
function routedPaths(): [ApiFunctionName, string][] {
  return (Object.keys(API_FUNCTIONS) as ApiFunctionName[]).flatMap((name) =>
    (name === DEFAULT_API_FUNCTION ? [PROTECTED_PATH] : API_FUNCTIONS[name].paths).map(
      (path): [ApiFunctionName, string] => [name, path],
    ),
  );
}

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);
