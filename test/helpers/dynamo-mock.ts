import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

/** A document client whose every call is mocked (reset before each test): for DynamoDB's error and paging shapes. */
export function mockedDocumentClient() {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const mock = mockClient(db);
  beforeEach(() => mock.reset());
  return { db, mock };
}

/** Backoff that does not wait. */
export const noSleep = async (): Promise<void> => {};
