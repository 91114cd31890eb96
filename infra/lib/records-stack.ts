import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { DashboardSite } from './dashboard-site.ts';
import { createDataKey } from './data-key.ts';
import { Digest } from './digest.ts';
import type { EdgeSettings } from './edge-distribution.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { API_FUNCTION_HANDLERS, HANDLER_ENTRIES } from './handler-entries.ts';
import { MachineAuth } from './machine-auth.ts';
import { Monitoring } from './monitoring.ts';
import { AGGREGATION_SUCCESS_METRIC, NightlyAggregation } from './nightly-aggregation.ts';
import { NodeFunction } from './node-function.ts';
import { createOperationsDashboard } from './operations-dashboard.ts';
import { createAccessLogBucket } from './private-bucket.ts';
import { PublicWebsite } from './public-website.ts';
import { RecordsApi } from './records-api.ts';
import { RecordsBackup } from './records-backup.ts';
import { RecordsTable } from './records-table.ts';
import { createLinkSecret, Reminders } from './reminders.ts';
import { createSnapshotBucket } from './snapshot-bucket.ts';
import { protectWithWebAcl, webAclName } from './web-acl.ts';

export interface RecordsStackProps extends StackProps {
  config: EnvironmentConfig;
  /** Lambda entry files; defaults to functions/handlers/. */
  handlerEntries?: Record<keyof typeof HANDLER_ENTRIES, string>;
  /** Built dashboard folder to upload, or undefined to leave the site bucket alone. */
  siteAssetsPath: string | undefined;
  /** ARN of the CloudFront web ACL (EdgeProtectionStack, in us-east-1). */
  webAclArn: string;
}

/** One environment of Partnership Records: data, API, nightly job, dashboard and alarms. */
export class RecordsStack extends Stack {
  /** The customer-managed key of every data store in the stack (see data-key.ts). */
  readonly dataKey: kms.Key;
  readonly records: RecordsTable;
  readonly accessLogs: s3.Bucket;
  /** What every CloudFront distribution takes: pass it to `EdgeDistribution`. */
  readonly edge: EdgeSettings;
  readonly snapshots: s3.Bucket;
  readonly aggregation: NightlyAggregation;
  readonly dashboard: DashboardSite;
  readonly machineAuth: MachineAuth;
  readonly api: RecordsApi;
  readonly monitoring: Monitoring;
  /** Daily AWS Backup with a copy in a second region; absent when `backupCopyRegion` is not set (dev). */
  readonly backup?: RecordsBackup;
  /** The daily reminder emails; absent until an operator names the sender (context `reminderSender`). */
  readonly reminders: Reminders | undefined;
  /** The LEC digest, when the stack sends email (the same sender as the reminders). */
  readonly digest: Digest | undefined;
  readonly website: PublicWebsite;

  constructor(scope: Construct, id: string, props: RecordsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const entries = props.handlerEntries ?? HANDLER_ENTRIES;
    this.dataKey = createDataKey(this, config);

    this.records = new RecordsTable(this, 'Records', { config });
    this.accessLogs = createAccessLogBucket(this, 'AccessLogs', config);
    this.snapshots = createSnapshotBucket(this, 'Snapshots', { config, accessLogs: this.accessLogs });
    this.edge = { webAclArn: props.webAclArn, accessLogs: this.accessLogs };

    this.aggregation = new NightlyAggregation(this, 'Aggregation', {
      config,
      entry: entries.aggregate,
      table: this.records,
      snapshotBucket: this.snapshots,
    });
    this.dashboard = new DashboardSite(this, 'Dashboard', {
      config,
      snapshotBucket: this.snapshots,
      edge: this.edge,
      siteAssetsPath: props.siteAssetsPath,
    });
    this.machineAuth = new MachineAuth(this, 'MachineAuth', { config });
    const linkSecret = config.reminderSender ? createLinkSecret(this, config) : undefined;
    this.api = new RecordsApi(this, 'Api', {
      config,
      entries: {
        records: entries[API_FUNCTION_HANDLERS.records],
        knowledge: entries[API_FUNCTION_HANDLERS.knowledge],
        reports: entries[API_FUNCTION_HANDLERS.reports],
        public: entries[API_FUNCTION_HANDLERS.public],
        pages: entries[API_FUNCTION_HANDLERS.pages],
      },
      table: this.records,
      snapshotBucket: this.snapshots,
      machineAuth: this.machineAuth,
      dashboardOrigin: this.dashboard.origin,
      edge: this.edge,
      reminderLinkSecret: linkSecret,
    });
    this.dashboard.publishSiteFiles(this.api.peopleDistribution.url);
    protectWithWebAcl(this, 'MachineAuthWebAcl', {
      config,
      resourceArn: this.machineAuth.userPool.userPoolArn,
    });
    this.reminders =
      config.reminderSender && linkSecret
        ? new Reminders(this, 'Reminders', {
            config,
            sender: config.reminderSender,
            entry: entries.reminders,
            table: this.records,
            publicApiUrl: this.api.peopleUrl,
            siteUrl: this.dashboard.origin,
            linkSecret,
          })
        : undefined;

    this.website = new PublicWebsite(this, 'Website', {
      config,
      entry: entries.publicSite,
      table: this.records,
      edge: this.edge,
      api: this.api.peopleApi,
      originSecret: this.api.originSecret.value,
    });

    // The digest preview (reports) and a member's group calendar (public) link public events and
    // region profiles to the public website, whose address exists only now.
    for (const name of ['reports', 'public'] as const) {
      this.api.functions[name].function.addEnvironment('PUBLIC_SITE_URL', this.website.origin);
    }

    this.digest =
      config.reminderSender && linkSecret && this.reminders
        ? new Digest(this, 'Digest', {
            config,
            sender: config.reminderSender,
            entry: entries.digest,
            table: this.records,
            identity: this.reminders.identity,
            configurationSet: this.reminders.configurationSet,
            linkSecret,
            publicApiUrl: this.api.peopleUrl,
            siteUrl: this.dashboard.origin,
            publicSiteUrl: this.website.origin,
            snapshots: this.snapshots,
          })
        : undefined;

    if (config.backupCopyRegion) {
      this.backup = new RecordsBackup(this, 'Backup', {
        config,
        copyRegion: config.backupCopyRegion,
        table: this.records.tableInUse,
      });
    }

    // Keep these last: they watch every function made above, including ones added later.
    const apis = [
      { name: 'PeopleApi', api: this.api.peopleApi },
      { name: 'MachineApi', api: this.api.machineApi },
    ];
    const functions = this.node
      .findAll()
      .filter((construct): construct is NodeFunction => construct instanceof NodeFunction)
      .map((handler) => ({ name: `${handler.node.scope!.node.id}Function`, handler }));
    const aggregation = {
      successfulRuns: this.aggregation.metricSuccessfulRuns(),
      failedRuns: this.aggregation.failedRuns,
    };
    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      apis,
      functions: functions.map(({ name, handler }) => ({ name, function: handler.function })),
      aggregation,
      digestFailedRuns: this.digest?.failedRuns,
      reminders: this.reminders && {
        failedRuns: this.reminders.failedRuns,
        bounceRate: this.reminders.metricReputation('BounceRate'),
        complaintRate: this.reminders.metricReputation('ComplaintRate'),
      },
    });
    createOperationsDashboard(this, 'OperationsDashboard', {
      config,
      apis,
      functions,
      aggregation: { ...aggregation, serviceName: AGGREGATION_SUCCESS_METRIC.serviceName },
      table: this.records.tableInUse,
      webAclName: webAclName(config, 'CLOUDFRONT'),
    });

    this.addOutputs(config);
  }

  /** What an operator needs after a deploy (docs/deploy.md refers to these names). */
  private addOutputs(config: EnvironmentConfig): void {
    const outputs: Record<string, { value: string; description: string }> = {
      ApiUrl: {
        value: this.api.peopleUrl,
        description: 'API base URL for people (the add-on) and public routes',
      },
      MachineApiUrl: {
        value: this.api.machineUrl,
        description: 'API base URL for machine clients (Cognito tokens)',
      },
      DashboardUrl: { value: this.dashboard.origin, description: 'National dashboard' },
      WebsiteUrl: {
        value: this.website.origin,
        description: 'Public website: service directory and employment profiles',
      },
      UserPoolId: {
        value: this.machineAuth.userPool.userPoolId,
        description: 'Cognito user pool of machine clients',
      },
      UserPoolClientId: {
        value: this.machineAuth.defaultClient.userPoolClientId,
        description: 'Default machine client id (its secret is in the Cognito console)',
      },
      TokenEndpoint: {
        value: this.machineAuth.tokenEndpoint,
        description: 'OAuth token endpoint for machine clients',
      },
      SnapshotBucket: { value: this.snapshots.bucketName, description: 'Bucket of dashboard snapshots' },
      TableName: {
        value: this.records.tableInUse.tableName,
        description: 'DynamoDB table the functions use',
      },
      AggregationFunctionName: {
        value: this.aggregation.handler.function.functionName,
        description: 'Nightly aggregation function (invoke with {"date":"YYYY-MM-DD"} to rebuild a night)',
      },
      FailedRunsQueueUrl: {
        value: this.aggregation.failedRuns.queueUrl,
        description: 'Queue of nightly runs that failed after retries',
      },
    };
    if (this.reminders) {
      outputs.RemindersFunctionName = {
        value: this.reminders.handler.function.functionName,
        description:
          'Daily reminders function (invoke with {"day":"YYYY-MM-DD"} to send a day again; sent emails are skipped)',
      };
      outputs.ReminderConfigurationSet = {
        value: this.reminders.configurationSet.configurationSetName,
        description: 'SES configuration set of reminder emails (suppression of bounces and complaints)',
      };
      outputs.RemindersFailedRunsQueueUrl = {
        value: this.reminders.failedRuns.queueUrl,
        description: 'Queue of reminder runs that failed after retries',
      };
    }
    if (this.digest) {
      outputs.DigestFunctionName = {
        value: this.digest.handler.function.functionName,
        description:
          'LEC digest function (invoke with {"day":"YYYY-MM-DD"} to run a day again; digests already sent are skipped)',
      };
      outputs.DigestFailedRunsQueueUrl = {
        value: this.digest.failedRuns.queueUrl,
        description: 'Queue of digest runs that failed after retries',
      };
    }
    if (config.tableNameOverride) {
      outputs.StackTableName = {
        value: this.records.table.tableName,
        description: "The stack's own table, kept but unused while `tableName` points elsewhere",
      };
    }
    for (const [name, output] of Object.entries(outputs)) new CfnOutput(this, name, output);
  }
}
