import { App, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import {
  InvalidContextError,
  readEnvironmentConfig,
  UNSET_GOOGLE_CLIENT_ID,
} from '../../../infra/lib/environment-config.ts';

const configFrom = (context: Record<string, unknown>) => readEnvironmentConfig(new App({ context }).node);

describe('environment config from CDK context', () => {
  it('should default to dev, which lets data go with the stack', () => {
    // Act
    const config = configFrom({});

    // Assess
    expect(config).toMatchObject({
      name: 'dev',
      retainData: false,
      removalPolicy: RemovalPolicy.DESTROY,
      logRetention: RetentionDays.TWO_WEEKS,
      logLevel: 'DEBUG',
    });
  });

  it('should keep data and logs in prod', () => {
    // Act
    const config = configFrom({ env: 'prod' });

    // Assess
    expect(config).toMatchObject({
      name: 'prod',
      retainData: true,
      removalPolicy: RemovalPolicy.RETAIN,
      logRetention: RetentionDays.ONE_YEAR,
      logLevel: 'INFO',
    });
  });

  it('should refuse an unknown environment, naming the key and the choices', () => {
    // Act
    const reading = () => configFrom({ env: 'staging' });

    // Assess
    expect(reading).toThrow(InvalidContextError);
    expect(reading).toThrow("Context 'env': expected one of dev, prod, got 'staging'");
  });

  it('should fail closed when no Google client id is given', () => {
    // Act
    const config = configFrom({});

    // Assess
    expect(config.googleClientId).toBe(UNSET_GOOGLE_CLIENT_ID);
  });

  it('should read machine client ids from a comma list (-c) or a JSON array (cdk.json)', () => {
    // Act
    const fromList = configFrom({ machineClientIds: ' a, b ,,' });
    const fromArray = configFrom({ machineClientIds: ['c'] });
    const fromNumbers = () => configFrom({ machineClientIds: [1] });

    // Assess
    expect(fromList.extraMachineClientIds).toEqual(['a', 'b']);
    expect(fromArray.extraMachineClientIds).toEqual(['c']);
    expect(fromNumbers).toThrow(/machineClientIds/);
  });

  it("should read the partners' OpenID Connect issuers, refusing one that is not https", () => {
    // Prepare
    const entra = {
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      audience: ['partnership-records-web'],
      jwksUri: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys',
      emailClaim: 'preferred_username',
      requireVerifiedEmail: false,
    };

    // Act
    const none = configFrom({});
    const fromJson = configFrom({ partnerIssuers: JSON.stringify([entra]) });
    const insecure = () => configFrom({ partnerIssuers: [{ ...entra, issuer: 'http://insecure' }] });

    // Assess
    expect(none.partnerIssuers).toEqual([]);
    expect(fromJson.partnerIssuers).toEqual([entra]);
    expect(insecure).toThrow(/partnerIssuers\[0\]\.issuer/);
  });

  it('should read throttling limits given as text on the command line', () => {
    // Act
    const config = configFrom({ apiRateLimit: '20', apiBurstLimit: 40 });
    const notANumber = () => configFrom({ apiRateLimit: 'fast' });

    // Assess
    expect(config.apiThrottle).toEqual({ rateLimit: 20, burstLimit: 40 });
    expect(notANumber).toThrow("Context 'apiRateLimit': expected a positive number");
  });

  it('should treat empty text as not given', () => {
    // Act
    const config = configFrom({ alarmEmail: '  ', tableName: '' });

    // Assess
    expect(config).toMatchObject({ alarmEmail: undefined, tableNameOverride: undefined });
  });

  it('should take per-environment settings from cdk.json, for that environment only', () => {
    // Prepare
    const environments = { prod: { tableName: 'records-restored', googleClientId: 'prod-client' } };

    // Act
    const prod = configFrom({ env: 'prod', environments });
    const dev = configFrom({ env: 'dev', environments });

    // Assess
    expect(prod).toMatchObject({ tableNameOverride: 'records-restored', googleClientId: 'prod-client' });
    expect(dev.tableNameOverride).toBeUndefined();
  });

  it('should let a command-line value win over the cdk.json environment setting', () => {
    // Prepare
    const environments = { prod: { googleClientId: 'from-cdk-json' } };

    // Act
    const config = configFrom({ env: 'prod', environments, googleClientId: 'from-command-line' });

    // Assess
    expect(config.googleClientId).toBe('from-command-line');
  });
});
