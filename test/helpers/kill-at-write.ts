/**
 * Runs the `daybreak` CLI and kills its own process with SIGKILL just before its Nth write to
 * DynamoDB (`DAYBREAK_TEST_KILL_AT_WRITE`): a crash at an exact point between two writes, found by
 * counting items, not by timing. Run as `node --require tsx/cjs test/helpers/kill-at-write.ts <cli args>`.
 */
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { main } from '../../bin/cli';

const killAt = Number(process.env.DAYBREAK_TEST_KILL_AT_WRITE);
if (!Number.isInteger(killAt) || killAt < 1) throw new Error('set DAYBREAK_TEST_KILL_AT_WRITE to a write number');

let writes = 0;
const send = DynamoDBDocumentClient.prototype.send;
DynamoDBDocumentClient.prototype.send = function (this: DynamoDBDocumentClient, ...args: unknown[]) {
  const [command] = args;
  if (command instanceof PutCommand || command instanceof UpdateCommand || command instanceof DeleteCommand) {
    writes++;
    if (writes === killAt) process.kill(process.pid, 'SIGKILL');
  }
  return (send as (...a: unknown[]) => unknown).apply(this, args);
} as typeof send;

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`daybreak: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
