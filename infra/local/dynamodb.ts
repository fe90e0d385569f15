import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/core/table';
import type { Server } from 'node:http';
import { listenLocal } from './http';

/**
 * DynamoDB stand-in: dynalite in this process, on LevelDB under `dir` (so data survives a restart)
 * or in memory when no folder is given.
 */
export async function startDynamoDb(dir?: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  if (dir) mkdirSync(dir, { recursive: true });
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const endpoint = await listenLocal(server);
  return { endpoint, close: () => closeDynamoDb(server) };
}

/**
 * Lets requests in flight finish before the database closes: dynalite closes its store once the
 * server has closed, and a write still running then throws "Database is closed" out of its
 * callback, which ends the whole process. Connections still open after a few seconds are cut.
 */
function closeDynamoDb(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cut = setTimeout(() => server.closeAllConnections(), 5000);
  return closed.finally(() => clearTimeout(cut));
}

/** Creates the table from the definition CDK uses, unless it exists already. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let i = 0; i < 50; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
