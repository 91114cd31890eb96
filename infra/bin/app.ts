import { existsSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readEnvironmentConfig } from '../lib/environment-config.ts';
import { createEnvironmentStacks } from '../lib/environment-stacks.ts';
import { DASHBOARD_DIST } from '../lib/handler-entries.ts';

/**
 * Partnership Records CDK app: one stack per environment, chosen with `-c env=dev|prod`.
 * See docs/deploy.md for the context keys and the deployment steps.
 */
const app = new App();
const config = readEnvironmentConfig(app.node);

// Synth must work offline without credentials: the account stays unresolved unless the CLI supplies one.
createEnvironmentStacks(app, config, {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  siteAssetsPath: existsSync(DASHBOARD_DIST) ? DASHBOARD_DIST : undefined,
});

// Every synth is checked against the AWS Solutions rules; a finding stops it unless acknowledged
// in code with a reason, next to the construct it concerns.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
