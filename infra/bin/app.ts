import { existsSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readEnvironmentConfig } from '../lib/environment-config.ts';
import { DASHBOARD_DIST } from '../lib/handler-entries.ts';
import { RecordsStack } from '../lib/records-stack.ts';

/**
 * Partnership Records CDK app: one stack per environment, chosen with `-c env=dev|prod`.
 * See docs/deploy.md for the context keys and the deployment steps.
 */
const app = new App();
const config = readEnvironmentConfig(app.node);

new RecordsStack(app, `PartnershipRecords-${config.name}`, {
  config,
  // Synth must work offline without credentials: the account stays unresolved unless the CLI
  // supplies one. The region is the environment's own (Sydney unless `region` says otherwise), never
  // the CLI's default: that falls back to us-east-1 when no AWS profile names a region.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
  description: `Partnership Records (${config.name}): records API, nightly dashboard snapshots, dashboard site`,
  siteAssetsPath: existsSync(DASHBOARD_DIST) ? DASHBOARD_DIST : undefined,
  tags: { project: 'partnership-records', environment: config.name },
});

// Every synth is checked against the AWS Solutions rules; a finding stops it unless acknowledged
// in code with a reason, next to the construct it concerns.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
