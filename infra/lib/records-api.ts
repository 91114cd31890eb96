import { Annotations, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PUBLIC_ROUTES } from '../../functions/api/public-routes.ts';
import { createApiDistribution } from './api-distribution.ts';
import { type AuthIssuer, googleIssuer, machineIssuer, partnerIssuer } from './auth-issuers.ts';
import type { EdgeDistribution, EdgeSettings } from './edge-distribution.ts';
import { type EnvironmentConfig, UNSET_GOOGLE_CLIENT_ID } from './environment-config.ts';
import { addLoggedDefaultStage } from './http-api-stage.ts';
import { type MachineAuth, RECORDS_SCOPES } from './machine-auth.ts';
import { NodeFunction } from './node-function.ts';
import { OriginSecret } from './origin-secret.ts';
import type { RecordsTable } from './records-table.ts';
import { grantLinkSecretRead } from './reminders.ts';
import { grantSnapshotRead } from './snapshot-bucket.ts';

/** Every other API path; HTTP APIs match the most specific route, so `/v1/public/...` stays public. */
export const PROTECTED_PATH = '/v1/{proxy+}';

const WRITE_METHODS = [
  apigw.HttpMethod.POST,
  apigw.HttpMethod.PUT,
  apigw.HttpMethod.PATCH,
  apigw.HttpMethod.DELETE,
];

export interface RecordsApiProps {
  config: EnvironmentConfig;
  /** Absolute path of the API handler entry (functions/handlers/api.ts). */
  entry: string;
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

/**
 * The records API: one Lambda (the Hono app) behind two HTTP APIs that differ only in who may call
 * them. API Gateway allows one authorizer per route and a JWT authorizer trusts one issuer, so:
 *
 * - the people API checks Google ID tokens at the gateway and also serves the public routes;
 * - the machine API checks Cognito access tokens and their scopes at the gateway.
 *
 * Both hand the same paths to the same function, which verifies the token again against both
 * issuers (env AUTH_ISSUERS) because it needs the identity for authorization anyway and runs the
 * same way locally, where there is no gateway. See docs/deploy.md, "Decisions".
 */
export class RecordsApi extends Construct {
  readonly handler: NodeFunction;
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

    this.handler = new NodeFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Partnership Records HTTP API (Hono app)',
      serviceName: 'records-api',
      config,
      concurrencyName: 'api',
      // Enough memory for a fast cold start; the gateway gives up after 30 s, so stop before that.
      memorySize: 1024,
      timeout: Duration.seconds(25),
      environment: {
        TABLE_NAME: props.table.tableInUse.tableName,
        AUTH_ISSUERS: Stack.of(this).toJsonString([
          issuers.google,
          issuers.machine,
          ...config.partnerIssuers.map(partnerIssuer),
        ] satisfies AuthIssuer[]),
        ACCESS_CONTACT: config.accessContact,
        SNAPSHOT_BUCKET: props.snapshotBucket.bucketName,
        ORIGIN_VERIFY_SECRET: originSecret.value,
        DASHBOARD_ORIGIN: props.dashboardOrigin,
      },
    });
    // Records (get, batch get, query, transactional puts) and the user directory (get, put, delete).
    props.table.grant(this.handler.role, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    ]);
    grantSnapshotRead(props.snapshotBucket, this.handler.role);
    if (props.reminderLinkSecret) {
      this.handler.function.addEnvironment('REMINDER_LINK_SECRET_ARN', props.reminderLinkSecret.secretArn);
      grantLinkSecretRead(props.reminderLinkSecret, this.handler.role);
    }

    const people = new Construct(this, 'People');
    this.peopleApi = new apigw.HttpApi(people, 'HttpApi', {
      description: `Partnership Records API for people and the public (${config.name})`,
      createDefaultStage: false,
    });
    this.peopleStage = addLoggedDefaultStage(people, this.peopleApi, { config });
    this.addPeopleRoutes(this.handler.function, issuers.google);

    const machines = new Construct(this, 'Machines');
    this.machineApi = new apigw.HttpApi(machines, 'HttpApi', {
      description: `Partnership Records API for machine clients (${config.name})`,
      createDefaultStage: false,
    });
    this.machineStage = addLoggedDefaultStage(machines, this.machineApi, { config });
    this.addMachineRoutes(this.handler.function, issuers.machine);

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

  private addPeopleRoutes(handler: lambda.IFunction, google: AuthIssuer): void {
    const integration = new HttpLambdaIntegration('PeopleIntegration', handler);
    for (const route of PUBLIC_ROUTES) {
      const [created] = this.peopleApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
      });
      Validations.of(created!).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${route.method} ${route.path} is public by design: health check, API description, type catalogue, public records, or the reminder settings page, which its signed link authorises.`,
      });
    }
    this.peopleApi.addRoutes({
      path: PROTECTED_PATH,
      methods: [apigw.HttpMethod.ANY],
      integration,
      authorizer: new HttpJwtAuthorizer('GoogleAuthorizer', google.issuer, {
        authorizerName: 'google-id-token',
        jwtAudience: google.audience,
      }),
    });
  }

  private addMachineRoutes(handler: lambda.IFunction, machine: AuthIssuer): void {
    const integration = new HttpLambdaIntegration('MachineIntegration', handler);
    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', machine.issuer, {
      authorizerName: 'cognito-client-credentials',
      jwtAudience: machine.audience,
    });
    // A route accepts a token holding any one of its scopes, so reads and writes are separate routes.
    this.machineApi.addRoutes({
      path: PROTECTED_PATH,
      methods: [apigw.HttpMethod.GET, apigw.HttpMethod.HEAD],
      integration,
      authorizer,
      authorizationScopes: [RECORDS_SCOPES.read],
    });
    this.machineApi.addRoutes({
      path: PROTECTED_PATH,
      methods: WRITE_METHODS,
      integration,
      authorizer,
      authorizationScopes: [RECORDS_SCOPES.write],
    });
  }
}
