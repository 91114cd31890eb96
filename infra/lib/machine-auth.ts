import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';

/** OAuth scopes a machine client can be given, as `records/read` and `records/write` in tokens. */
const RECORDS_RESOURCE_SERVER = 'records';
export const RECORDS_SCOPES = {
  read: `${RECORDS_RESOURCE_SERVER}/read`,
  write: `${RECORDS_RESOURCE_SERVER}/write`,
} as const;

export interface MachineAuthProps {
  config: EnvironmentConfig;
}

/**
 * The issuer for machine clients (other systems calling the API): a Cognito user pool used only for
 * the OAuth client-credentials grant. It has no human users; people sign in with Google.
 * Each client gets an id and secret, swaps them for a one-hour access token at `tokenEndpoint`, and
 * the token's scopes say whether it may read, write or both.
 */
export class MachineAuth extends Construct {
  readonly userPool: cognito.UserPool;
  /** The client created with the stack; operators add more by hand (docs/deploy.md). */
  readonly defaultClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** `iss` of the access tokens, and where their signing keys are published. */
  readonly issuer: string;
  readonly tokenEndpoint: string;
  /** Every app client id accepted as a machine client: the default one plus `machineClientIds`. */
  readonly clientIds: string[];

  constructor(scope: Construct, id: string, props: MachineAuthProps) {
    super(scope, id);
    const { config } = props;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `partnership-records-machine-clients-${config.name}`,
      selfSignUpEnabled: false,
      // No one signs in with a password here; the strict policy and required MFA only make sure
      // that a user created by mistake could not become a weak door.
      passwordPolicy: {
        minLength: 16,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(1),
      },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.NONE,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: config.retainData,
      // Client ids and secrets live in the pool: losing it would cut off every integrated system.
      removalPolicy: config.removalPolicy,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus plan adds threat protection for user sign-ins; this pool has no users, only client-credentials ' +
        'app clients, so the plan would cost money and protect nothing.',
    });

    const resourceServer = this.userPool.addResourceServer('RecordsResourceServer', {
      identifier: RECORDS_RESOURCE_SERVER,
      scopes: [
        { scopeName: 'read', scopeDescription: 'Read records the client is allowed to see' },
        {
          scopeName: 'write',
          scopeDescription: 'Create, change and delete records the client is allowed to change',
        },
      ],
    });

    this.defaultClient = this.userPool.addClient('DefaultMachineClient', {
      userPoolClientName: 'default-machine-client',
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [
          cognito.OAuthScope.resourceServer(resourceServer, { scopeName: 'read', scopeDescription: '' }),
          cognito.OAuthScope.resourceServer(resourceServer, { scopeName: 'write', scopeDescription: '' }),
        ],
      },
      accessTokenValidity: Duration.hours(1),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });

    this.domain = this.userPool.addDomain('TokenDomain', {
      cognitoDomain: {
        // Domain prefixes are global per region; the account id keeps ours from colliding.
        domainPrefix:
          config.authDomainPrefix ?? `partnership-records-${config.name}-${Stack.of(this).account}`,
      },
    });

    // Spelled out as in Cognito's tokens; the pool's ProviderURL attribute lacks the scheme.
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.tokenEndpoint = `${this.domain.baseUrl()}/oauth2/token`;
    this.clientIds = [this.defaultClient.userPoolClientId, ...config.extraMachineClientIds];
  }
}
