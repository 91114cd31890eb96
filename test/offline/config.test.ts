import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  readAggregationConfig,
  readApiConfig,
  readReminderConfig,
} from '../../functions/config.ts';

const google = {
  kind: 'google',
  issuer: 'https://accounts.google.com',
  audience: ['client.apps.googleusercontent.com'],
  jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
};

describe('the functions read their environment once, in one place', () => {
  it('should read the API configuration the stack sets', () => {
    // Prepare
    const env = {
      TABLE_NAME: 'records',
      AWS_REGION: 'ap-southeast-6',
      AUTH_ISSUERS: JSON.stringify([google]),
      ACCESS_CONTACT: 'records-admin@example.org',
      SNAPSHOT_BUCKET: 'snapshots',
      DASHBOARD_ORIGIN: 'https://dashboard.example.org',
    };

    // Act
    const config = readApiConfig(env);

    // Assess
    expect(config).toEqual({
      tableName: 'records',
      region: 'ap-southeast-6',
      issuers: [google],
      accessContact: 'records-admin@example.org',
      snapshotBucket: 'snapshots',
      docsUrl: 'https://dashboard.example.org/docs/index.html',
      openApiUrl: 'https://dashboard.example.org/docs/openapi.json',
      corsOrigins: ['https://dashboard.example.org'],
      originSecret: undefined,
      reminderLinkSecretArn: undefined,
      siteUrl: 'https://dashboard.example.org',
      publicSiteUrl: undefined,
    });
  });

  it('should say which variable is missing or malformed, and where it comes from', () => {
    // Prepare
    const withoutTable = { AUTH_ISSUERS: '[]' };
    const badIssuers = { TABLE_NAME: 'records', AUTH_ISSUERS: '[{"kind":"google"}' };
    const devIssuer = {
      TABLE_NAME: 'records',
      AUTH_ISSUERS: JSON.stringify([{ ...google, kind: 'development', issuer: 'https://dev.local' }]),
    };

    // Act
    const attempts = [withoutTable, badIssuers, devIssuer].map((env) => () => readApiConfig(env));

    // Assess
    expect(attempts[0]).toThrow(ConfigurationError);
    expect(attempts[0]).toThrow('TABLE_NAME is not set');
    expect(attempts[1]).toThrow('AUTH_ISSUERS is not a valid list of token issuers');
    expect(attempts[2]).toThrow('only allowed in local runs');
    expect(readApiConfig(devIssuer, { allowDevIssuer: true }).issuers).toHaveLength(1);
  });

  it('should need both the table and the snapshot bucket for the aggregation, and treat blanks as unset', () => {
    // Prepare
    const blankBucket = { TABLE_NAME: 'records', SNAPSHOT_BUCKET: '  ' };

    // Act
    const reading = () => readAggregationConfig(blankBucket);

    // Assess
    expect(reading).toThrow('SNAPSHOT_BUCKET is not set');
    expect(readAggregationConfig({ TABLE_NAME: 'records', SNAPSHOT_BUCKET: 'b' })).toEqual({
      tableName: 'records',
      region: 'ap-southeast-2',
      snapshotBucket: 'b',
    });
  });

  it('should read the reminders configuration the stack sets, and name a missing sender', () => {
    // Prepare
    const env = {
      TABLE_NAME: 'records',
      REMINDER_FROM: 'Partnership Records <reminders@records.example.nz>',
      SES_CONFIGURATION_SET: 'reminders',
      REMINDER_LINK_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:link',
      PUBLIC_API_URL: 'https://api.records.example.nz/',
      SITE_URL: 'https://partners.records.example.nz/',
    };

    // Act
    const config = readReminderConfig(env);
    const blankSender = () => readReminderConfig({ ...env, REMINDER_FROM: ' ' });
    const noSender = () => readReminderConfig({ ...env, REMINDER_FROM: undefined });

    // Assess
    expect(config).toEqual({
      tableName: 'records',
      region: 'ap-southeast-2',
      from: 'Partnership Records <reminders@records.example.nz>',
      configurationSet: 'reminders',
      linkSecretArn: 'arn:aws:secretsmanager:ap-southeast-2:123456789012:secret:link',
      publicApiUrl: 'https://api.records.example.nz',
      siteUrl: 'https://partners.records.example.nz',
    });
    expect(blankSender).toThrow(ConfigurationError);
    expect(noSender).toThrow('REMINDER_FROM is not set');
  });
});
