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
    expect(configFrom({})).toMatchObject({
      name: 'dev',
      retainData: false,
      removalPolicy: RemovalPolicy.DESTROY,
      logRetention: RetentionDays.TWO_WEEKS,
      logLevel: 'DEBUG',
    });
  });

  it('should keep data and logs in prod', () => {
    expect(configFrom({ env: 'prod' })).toMatchObject({
      name: 'prod',
      retainData: true,
      removalPolicy: RemovalPolicy.RETAIN,
      logRetention: RetentionDays.ONE_YEAR,
      logLevel: 'INFO',
    });
  });

  it('should refuse an unknown environment, naming the key and the choices', () => {
    expect(() => configFrom({ env: 'staging' })).toThrow(InvalidContextError);
    expect(() => configFrom({ env: 'staging' })).toThrow(
      "Context 'env': expected one of dev, prod, got 'staging'",
    );
  });

  it('should fail closed when no Google client id is given', () => {
    expect(configFrom({}).googleClientId).toBe(UNSET_GOOGLE_CLIENT_ID);
  });

  it('should read machine client ids from a comma list (-c) or a JSON array (cdk.json)', () => {
    expect(configFrom({ machineClientIds: ' a, b ,,' }).extraMachineClientIds).toEqual(['a', 'b']);
    expect(configFrom({ machineClientIds: ['c'] }).extraMachineClientIds).toEqual(['c']);
    expect(() => configFrom({ machineClientIds: [1] })).toThrow(/machineClientIds/);
  });

  it("should read the partners' OpenID Connect issuers, refusing one that is not https", () => {
    const entra = {
      issuer: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
      audience: ['partnership-records-web'],
      jwksUri: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys',
      emailClaim: 'preferred_username',
      requireVerifiedEmail: false,
    };
    expect(configFrom({}).partnerIssuers).toEqual([]);
    expect(configFrom({ partnerIssuers: JSON.stringify([entra]) }).partnerIssuers).toEqual([entra]);
    expect(() => configFrom({ partnerIssuers: [{ ...entra, issuer: 'http://insecure' }] })).toThrow(
      /partnerIssuers\[0\]\.issuer/,
    );
  });

  it('should read throttling limits given as text on the command line', () => {
    expect(configFrom({ apiRateLimit: '20', apiBurstLimit: 40 }).apiThrottle).toEqual({
      rateLimit: 20,
      burstLimit: 40,
    });
    expect(() => configFrom({ apiRateLimit: 'fast' })).toThrow(
      "Context 'apiRateLimit': expected a positive number",
    );
  });

  it('should treat empty text as not given', () => {
    expect(configFrom({ alarmEmail: '  ', tableName: '' })).toMatchObject({
      alarmEmail: undefined,
      tableNameOverride: undefined,
    });
  });

  it('should take per-environment settings from cdk.json, for that environment only', () => {
    const environments = { prod: { tableName: 'records-restored', googleClientId: 'prod-client' } };

    expect(configFrom({ env: 'prod', environments })).toMatchObject({
      tableNameOverride: 'records-restored',
      googleClientId: 'prod-client',
    });
    expect(configFrom({ env: 'dev', environments }).tableNameOverride).toBeUndefined();
  });

  it('should let a command-line value win over the cdk.json environment setting', () => {
    const environments = { prod: { googleClientId: 'from-cdk-json' } };

    expect(
      configFrom({ env: 'prod', environments, googleClientId: 'from-command-line' }).googleClientId,
    ).toBe('from-command-line');
  });
});
