import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESClient, type SESClientConfig } from '@aws-sdk/client-ses';

/**
 * Default AWS clients, built in one place. Endpoints come from the SDK's standard settings
 * (`AWS_ENDPOINT_URL_DYNAMODB`, `AWS_ENDPOINT_URL_SES`, ...), which is how the local stack points
 * the same handlers at its stand-ins.
 */
export function documentClient(client = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export const sesClient = (options: SESClientConfig = {}): SESClient => new SESClient(options);
