import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The cold-start bench's floor: a handler that only loads the AWS SDK's DynamoDB client, which every
 * API function loads at start. What a function costs above this is its own code. Never deployed.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-2' }));
export const handler = async () => client.config.region;
