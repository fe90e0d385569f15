import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one definition of Daybreak's DynamoDB table: keys, indexes and the TTL attribute. The CDK
 * construct and the local stack both build their table from it, so they cannot drift apart.
 *
 * Items (pk / sk):
 *   DAY#<yyyy-mm-dd>          ARTICLE#<id>          an article published that UTC day
 *   DAY#<yyyy-mm-dd>          TRENDING#<source>#<n>  a ranked item of a source's trending list
 *   SOURCE#<name>             STATE                 conditional-GET validators, failures
 *   SUBSCRIBER#<email, lower> PROFILE               a subscriber; `activeShard` only while active
 *   EDITION#<date>#<edition>  EDITION               the rendered edition and its report
 *   EDITION#<date>#<edition>  TO#<email hash>       the send ledger: one item per recipient
 */
export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    {
      /** Sparse and sharded: only active subscribers carry `activeShard`, spread over shards. */
      name: 'ActiveSubscribers',
      partitionKey: 'activeShard',
      sortKey: 'email',
    },
  ],
} as const;

export const ACTIVE_SUBSCRIBER_SHARDS = 16;

/**
 * The partition of one subscriber's items. Addresses are matched without regard to case, as every
 * mailbox provider does: "Ann@x.com" and "ann@x.com" are one subscriber (one unsubscribe stops both,
 * and a bounce SES reports in either case suppresses it); the item keeps the address as typed.
 */
export const subscriberPk = (email: string): string => `SUBSCRIBER#${email.trim().toLowerCase()}`;

/** CreateTable input for the stand-in (dynalite), from the same definition CDK uses. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyNames = [
    tableDefinition.partitionKey,
    tableDefinition.sortKey,
    ...tableDefinition.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(keyNames)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
