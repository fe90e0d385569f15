import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What a request sees once its Lambda has died: nothing after it runs. */
export class Died extends Error {
  constructor(writes: number) {
    super(`died after write ${writes}`);
  }
}

const isWrite = (command: unknown) =>
  command instanceof PutCommand || command instanceof UpdateCommand || command instanceof DeleteCommand;

/**
 * The same client, dying just after its `n`th write lands: that write is stored, and it and every
 * later call reject, as if the process had been killed between two writes (the in-process
 * counterpart of `kill-at-write.ts`). `writes()` counts the writes that landed, so a run without
 * dying (`n` = Infinity) tells how many points there are to die at.
 */
export function dieAfterWrite(
  db: DynamoDBDocumentClient,
  n: number,
): { db: DynamoDBDocumentClient; writes: () => number } {
  let writes = 0;
  const send = async (command: unknown) => {
    if (writes >= n) throw new Died(writes);
    const output = await (db.send as (c: unknown) => Promise<unknown>)(command);
    if (isWrite(command) && ++writes >= n) throw new Died(writes);
    return output;
  };
  const dying = new Proxy(db, {
    get: (target, key, receiver) => (key === 'send' ? send : Reflect.get(target, key, receiver)),
  });
  return { db: dying, writes: () => writes };
}
