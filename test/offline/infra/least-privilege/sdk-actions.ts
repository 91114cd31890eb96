/**
 * The IAM actions each AWS SDK command needs, keyed by the command's name as the code writes it
 * (`GetCommand`, `GetItemCommand` and aws-lite's `DynamoDB.GetItem(` all mean dynamodb:GetItem).
 * A command that is not here fails the least-privilege test until someone adds it, so a new kind
 * of call cannot slip past the check.
 *
 * TransactWrite needs no action of its own: IAM checks each item, so its actions come from the
 * item kinds (`Put:`, `Update:`, `Delete:`, `ConditionCheck:`) the sending file builds.
 */
export const SDK_COMMAND_ACTIONS: Record<string, readonly string[]> = {
  // DynamoDB, document client and low-level names
  Get: ['dynamodb:GetItem'],
  GetItem: ['dynamodb:GetItem'],
  BatchGet: ['dynamodb:BatchGetItem'],
  BatchGetItem: ['dynamodb:BatchGetItem'],
  Query: ['dynamodb:Query'],
  Scan: ['dynamodb:Scan'],
  Put: ['dynamodb:PutItem'],
  PutItem: ['dynamodb:PutItem'],
  Update: ['dynamodb:UpdateItem'],
  UpdateItem: ['dynamodb:UpdateItem'],
  Delete: ['dynamodb:DeleteItem'],
  DeleteItem: ['dynamodb:DeleteItem'],
  BatchWrite: ['dynamodb:BatchWriteItem'],
  BatchWriteItem: ['dynamodb:BatchWriteItem'],
  TransactGet: ['dynamodb:GetItem'],
  TransactGetItems: ['dynamodb:GetItem'],
  TransactWrite: [],
  TransactWriteItems: [],
  // S3
  GetObject: ['s3:GetObject'],
  HeadObject: ['s3:GetObject'],
  PutObject: ['s3:PutObject'],
  DeleteObject: ['s3:DeleteObject'],
  ListObjectsV2: ['s3:ListBucket'],
  // SES (v1 and v2 share the IAM namespace)
  SendEmail: ['ses:SendEmail'],
  SendRawEmail: ['ses:SendRawEmail'],
  SendBulkEmail: ['ses:SendBulkEmail'],
  // Secrets Manager
  GetSecretValue: ['secretsmanager:GetSecretValue'],
  // SQS, SNS
  SendMessage: ['sqs:SendMessage'],
  SendMessageBatch: ['sqs:SendMessage'],
  Publish: ['sns:Publish'],
};

/** DynamoDB transaction item kinds and the action IAM checks for each. */
export const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** Commands that build no request to AWS of their own (the transactions above expand into items). */
export const TRANSACT_WRITE_COMMANDS = new Set(['TransactWrite', 'TransactWriteItems']);
