import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClients, documentClient } from '../../functions/core/aws-clients';
import { ensureTable, startDynamoDb } from '../../infra/local/dynamodb';
import { LOCAL_TABLE } from '../../infra/local/local-stack';
import { stackOutputs } from './deployed-stack';
import { TokenSigner } from '../../functions/core/tokens';
import { loadTokenSigner } from '../../functions/core/token-key';
import { localTokenSecret } from '../../infra/local/token-secret';
import { UsageError } from './usage';
import { fileReason } from '../../functions/core/file-problem';
import { accessDataFolder, existingDataFolder } from './local-data';

export type TableWork<T> = (db: DynamoDBDocumentClient, tableName: string) => Promise<T>;

/**
 * Runs `work` against Daybreak's table: the deployed stack's (found through its outputs, AWS
 * credentials from the environment) with a stack name; else, beside a running `daybreak start`,
 * that stack's dynalite; else the data folder's dynalite, opened just for this command. `readOnly`
 * commands refuse a data folder that does not exist rather than make up an empty one.
 */
export async function withTable<T>(
  where: { dataDir: string; stack?: string; readOnly?: boolean; command?: string },
  work: TableWork<T>,
): Promise<T> {
  if (where.stack !== undefined) {
    const { TableName } = await stackOutputs(where.stack);
    return work(documentClient(new DynamoDBClient({})), TableName);
  }
  if (where.readOnly) existingDataFolder(where.dataDir);
  const access = await accessDataFolder(where.dataDir, where.command ?? 'daybreak');
  if (access.kind === 'stack') return work(documentClient(localClient(access.stack.endpoints.dynamodb)), LOCAL_TABLE);
  try {
    let dynamo: Awaited<ReturnType<typeof startDynamoDb>>;
    try {
      dynamo = await startDynamoDb(path.join(where.dataDir, 'dynamodb'));
    } catch (error) {
      throw new UsageError(`cannot open ${where.dataDir}/dynamodb: ${fileReason(error)}`);
    }
    try {
      const client = localClient(dynamo.endpoint);
      await ensureTable(client, LOCAL_TABLE);
      return await work(documentClient(client), LOCAL_TABLE);
    } finally {
      await dynamo.close();
    }
  } finally {
    access.release();
  }
}

const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** The key that signs links and names erased addresses: the data folder's, or the deployed stack's (Secrets Manager). */
export async function tokenSignerFor(where: { dataDir: string; stack?: string }): Promise<TokenSigner> {
  if (where.stack === undefined) return new TokenSigner(localTokenSecret(where.dataDir));
  const { TokenKeyArn } = await stackOutputs(where.stack);
  if (!TokenKeyArn)
    throw new Error(`stack ${where.stack} has no output TokenKeyArn: deploy this version of Daybreak first`);
  return loadTokenSigner({ tokenSecretArn: TokenKeyArn }, awsClients().secrets);
}
