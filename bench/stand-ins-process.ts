import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable, startDynamoDb } from '../infra/local/dynamodb';
import { startRateLimitedSes } from '../infra/local/rate-limited-ses';

/**
 * The send bench's stand-ins (dynalite and the throttling SES endpoint) in a process of their own,
 * as DynamoDB and SES are elsewhere in AWS: the senders' process then measures only the senders.
 * Prints `{"dynamo","ses"}` and runs until its stdin closes.
 */
async function main(): Promise<void> {
  const [table, rate] = [process.argv[2] ?? 'daybreak-bench', Number(process.argv[3] ?? 200)];
  const dynamo = await startDynamoDb();
  await ensureTable(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'b', secretAccessKey: 'b' },
    }),
    table,
  );
  const ses = await startRateLimitedSes(rate);
  process.stdout.write(`${JSON.stringify({ dynamo: dynamo.endpoint, ses: ses.endpoint })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void Promise.all([ses.close(), dynamo.close()]).then(() => process.exit(0)));
}

void main();
