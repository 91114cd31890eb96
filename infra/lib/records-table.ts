import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS } from '../../functions/store/table-schema.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/**
 * The only DynamoDB actions the functions use. Scan is deliberately absent: no request path and no
 * nightly job scans the table (docs/architecture), so a bug that tries cannot read everything.
 * Transactions need no action of their own: IAM checks each item's Put/Update/ConditionCheck.
 */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export interface RecordsTableProps {
  config: EnvironmentConfig;
}

/**
 * The one table holding every record, its history and the user directory. Keys and indexes come from
 * functions/store/table-schema.ts, the same declaration the store and DynamoDB Local use.
 *
 * Encryption at rest uses the AWS managed key (aws/dynamodb) rather than a customer key: it is
 * visible in CloudTrail, costs nothing, and keeps point-in-time restores and stream consumers free of
 * key-policy work. A customer key would only pay off for cross-account access or crypto-shredding,
 * neither of which this system needs.
 */
export class RecordsTable extends Construct {
  /** The table the stack owns (kept after a restore, see `tableInUse`). */
  readonly table: dynamodb.Table;
  /**
   * The table the functions read and write: the stack's own, or the one named by context `tableName`
   * after a point-in-time restore.
   */
  readonly tableInUse: dynamodb.ITable;

  constructor(scope: Construct, id: string, props: RecordsTableProps) {
    super(scope, id);
    const { config } = props;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: config.retainData,
      removalPolicy: config.removalPolicy,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });

    for (const index of Object.values(TABLE_INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.tableInUse = config.tableNameOverride
      ? dynamodb.Table.fromTableName(this, 'RestoredTable', config.tableNameOverride)
      : this.table;
  }

  /** Read access to the table in use and each of its indexes, named one by one (no `index/*`). */
  grantRead(grantee: iam.IGrantable): void {
    this.grant(grantee, TABLE_READ_ACTIONS);
  }

  /** Read and write access to the table in use and each of its indexes (indexes are read-only anyway). */
  grantReadWrite(grantee: iam.IGrantable): void {
    this.grant(grantee, [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]);
  }

  private grant(grantee: iam.IGrantable, actions: readonly string[]): void {
    const tableArn = this.tableInUse.tableArn;
    const indexArns = Object.values(TABLE_INDEXES).map((index) => `${tableArn}/index/${index.name}`);
    iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [tableArn, ...indexArns] });
  }
}
