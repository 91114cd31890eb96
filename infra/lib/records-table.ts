import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/store/table-schema.ts';
import { dataKeyOf, grantDataKeyUse } from './data-key.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/** Item-level DynamoDB actions a function may be granted on the table and its indexes. */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

/** Actions that only read: their callers need only to decrypt with the table's key. */
const READ_ONLY_ACTIONS: readonly TableAction[] = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
];

export interface RecordsTableProps {
  config: EnvironmentConfig;
}

/**
 * The one table holding every record, its history and the user directory. Keys and indexes come from
 * functions/store/table-schema.ts, the same declaration the store and DynamoDB Local use.
 *
 * Encrypted with the stack's customer-managed data key: a reviewer can see and restrict who may
 * decrypt, CloudTrail records each use, and backups copied to another region stay under a key we own.
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
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: dataKeyOf(this),
      // The reminders' sent log expires by itself (functions/store/sent-log.ts).
      timeToLiveAttribute: TTL_ATTRIBUTE,
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

  /**
   * Grants exactly these actions on the table in use and each of its indexes, named one by one (no
   * `index/*`). Name only what the function's code sends: test/offline/infra/least-privilege.test.ts scans
   * the code each function bundles and fails on a grant without a caller or a call without a grant.
   * There is no Scan: no request path and no nightly job scans the table, so a bug cannot read it all.
   */
  grant(grantee: iam.IGrantable, actions: readonly TableAction[]): void {
    const tableArn = this.tableInUse.tableArn;
    const indexArns = Object.values(TABLE_INDEXES).map((index) => `${tableArn}/index/${index.name}`);
    iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [tableArn, ...indexArns] });
    // DynamoDB uses the table's key on the caller's behalf: readers decrypt, writers also encrypt.
    // A restored table keeps the key of the table it was restored from (docs/deploy.md, "Restore").
    const writes = actions.some((action) => !READ_ONLY_ACTIONS.includes(action));
    grantDataKeyUse(this, grantee, writes ? 'write' : 'read');
  }
}
