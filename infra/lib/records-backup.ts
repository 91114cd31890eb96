import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { backupCopyVaultArn } from './backup-copy-stack.ts';
import { dataKeyOf } from './data-key.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/** How long daily backups (and their copies) are kept: the same window as point-in-time recovery. */
const BACKUP_RETENTION = Duration.days(35);

export interface RecordsBackupProps {
  config: EnvironmentConfig;
  /** Region of the copy vault (BackupCopyStack). */
  copyRegion: string;
  /** The table the functions use: the stack's own, or a restored one named by `tableName`. */
  table: dynamodb.ITable;
}

/**
 * AWS Backup on top of point-in-time recovery: a daily backup of the records table kept 35 days in
 * a vault of this region, each copied to the vault of a second region (BackupCopyStack). Backups
 * run at 03:00 New Zealand standard time, after the nightly aggregation. The restore drill is in
 * docs/deploy.md.
 */
export class RecordsBackup extends Construct {
  readonly vault: backup.BackupVault;
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: RecordsBackupProps) {
    super(scope, id);
    const { config } = props;
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: `partnership-records-${config.name}`,
      encryptionKey: dataKeyOf(this),
      blockRecoveryPointDeletion: true,
      removalPolicy: config.removalPolicy,
    });
    const copyVault = backup.BackupVault.fromBackupVaultArn(
      this,
      'CopyVault',
      backupCopyVaultArn(Stack.of(this), config, props.copyRegion),
    );
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `partnership-records-${config.name}-daily`,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'DailyWithCopy',
          backupVault: this.vault,
          // 15:00 UTC is 03:00 NZST (04:00 NZDT): after the 02:00 nightly aggregation.
          scheduleExpression: events.Schedule.cron({ minute: '0', hour: '15' }),
          startWindow: Duration.hours(1),
          completionWindow: Duration.hours(4),
          deleteAfter: BACKUP_RETENTION,
          copyActions: [{ destinationBackupVault: copyVault, deleteAfter: BACKUP_RETENTION }],
        }),
      ],
    });
    const selection = this.plan.addSelection('RecordsTable', {
      resources: [backup.BackupResource.fromArn(props.table.tableArn)],
    });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own service-role policy for taking backups, maintained by AWS " +
        'as the service changes; the role can be assumed only by AWS Backup and is used only by this plan.',
    });
  }
}
