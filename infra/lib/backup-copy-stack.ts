import { ArnFormat, Stack, type StackProps } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type { Construct } from 'constructs';
import { createDataKey } from './data-key.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/** The copy vault's name: fixed, so the main stack can name it in its plan without a cross-region reference. */
function backupCopyVaultName(config: EnvironmentConfig): string {
  return `partnership-records-${config.name}-copy`;
}

/** The copy vault's ARN, as the main stack's backup plan names it. */
export function backupCopyVaultArn(stack: Stack, config: EnvironmentConfig, copyRegion: string): string {
  return stack.formatArn({
    service: 'backup',
    region: copyRegion,
    resource: 'backup-vault',
    resourceName: backupCopyVaultName(config),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export interface BackupCopyStackProps extends StackProps {
  config: EnvironmentConfig;
  copyRegion: string;
}

/**
 * The vault in a second region that receives a copy of every daily backup, so that a regional
 * outage or a destroyed primary vault does not take the backups with it. Encrypted with a key of its
 * own region; recovery points cannot be deleted by anyone while their retention runs. Deployed
 * before the main stack, whose backup plan copies into it.
 */
export class BackupCopyStack extends Stack {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    super(scope, id, { ...props, env: { account: props.env?.account, region: props.copyRegion } });
    const { config } = props;
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: backupCopyVaultName(config),
      encryptionKey: createDataKey(this, config),
      blockRecoveryPointDeletion: true,
      removalPolicy: config.removalPolicy,
    });
  }
}
