import type { App } from 'aws-cdk-lib';
import { BackupCopyStack } from './backup-copy-stack.ts';
import { EdgeProtectionStack } from './edge-protection-stack.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import type { HANDLER_ENTRIES } from './handler-entries.ts';
import { RecordsStack } from './records-stack.ts';

export interface EnvironmentStacks {
  /** The web ACL for CloudFront, in us-east-1. */
  edge: EdgeProtectionStack;
  /** Everything else, in the environment's region. */
  records: RecordsStack;
  /** The vault that receives backup copies, in `backupCopyRegion` (prod). */
  backupCopy?: BackupCopyStack;
}

export interface EnvironmentStacksOptions {
  /** Unresolved (deploy-time) unless the CLI knows the account. */
  account: string | undefined;
  /** Built dashboard folder to upload, or undefined to leave the site bucket alone. */
  siteAssetsPath: string | undefined;
  /** Lambda entry files; defaults to functions/handlers/. */
  handlerEntries?: Record<keyof typeof HANDLER_ENTRIES, string>;
}

/**
 * The stacks of one environment, as `cdk deploy` deploys them (the edge stack first, since the main
 * stack reads its web ACL's ARN). The tests build exactly these, so they check what is deployed.
 */
export function createEnvironmentStacks(
  app: App,
  config: EnvironmentConfig,
  options: EnvironmentStacksOptions,
): EnvironmentStacks {
  const name = `PartnershipRecords-${config.name}`;
  const tags = { project: 'partnership-records', environment: config.name };
  const edge = new EdgeProtectionStack(app, `${name}-edge`, {
    config,
    env: { account: options.account },
    description: `Partnership Records (${config.name}): web application firewall for CloudFront (us-east-1)`,
    tags,
  });
  const records = new RecordsStack(app, name, {
    config,
    // The environment's region (Sydney unless `region` says otherwise), never the CLI's default,
    // which falls back to us-east-1 when no AWS profile names a region.
    env: { account: options.account, region: config.region },
    crossRegionReferences: true,
    description: `Partnership Records (${config.name}): records API, nightly dashboard snapshots, dashboard site`,
    siteAssetsPath: options.siteAssetsPath,
    handlerEntries: options.handlerEntries,
    webAclArn: edge.webAcl.attrArn,
    tags,
  });
  let backupCopy: BackupCopyStack | undefined;
  if (config.backupCopyRegion) {
    backupCopy = new BackupCopyStack(app, `${name}-backup-copy`, {
      config,
      copyRegion: config.backupCopyRegion,
      env: { account: options.account },
      description: `Partnership Records (${config.name}): vault receiving copies of the daily backups`,
      tags,
    });
    // The main stack's backup plan copies into this vault, named rather than referenced across regions.
    records.addStackDependency(backupCopy, 'the backup plan copies into its vault');
  }
  return { edge, records, backupCopy };
}
