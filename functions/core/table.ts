import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one definition of Daybreak's DynamoDB table: keys, indexes and the TTL attribute. The CDK
 * construct and the local stack both build their table from it, so they cannot drift apart.
 *
 * Every item kind the code writes, by pk / sk (`type` is the item's `type` attribute; TTL means
 * the item carries `expiresAt`, epoch seconds, and DynamoDB deletes it after that time). Hashes:
 * <fingerprint> is `TokenSigner.fingerprint` (HMAC-SHA256 of the lower-case address with the link key,
 * 32 hex): no item names a subscriber by a hash anyone without the key could compute. <source key> the first 10
 * characters of `shortHash(source name)`, <article id> `shortHash(canonical URL)`.
 *
 * Collect (functions/core/store/article-store.ts, functions/collect/source-state-store.ts):
 *   DAY#<edition>#<yyyy-mm-dd>   ARTICLE#<article id>#<source key>  type article: one source's article, in
 *                                                                   its edition-local day; TTL day + retention + 1
 *   ARTICLE#<article id>#<source key>  LOCATION                     type article-pointer: the day that holds
 *                                                                   the article and its content hash; same TTL
 *   DAY#<edition>#<yyyy-mm-dd>   TRENDING#<source key>              type trending: a source's ranked list that
 *                                                                   day (`items`); same TTL
 *   SOURCE#<source name>         STATE                              type source-state: conditional-GET
 *                                                                   validators, failures, backoff
 * Subscribers (functions/core/store/subscriber-store.ts, functions/subscribe/signup-store.ts):
 *   SUBSCRIBER#<email, lower>    PROFILE                            type subscriber; only while active it
 *                                                                   carries `activeShard` ("0".."15"), which
 *                                                                   with `activeKey` (its keyed fingerprint)
 *                                                                   keys the ActiveSubscribers index
 *   SUBSCRIBER#<email, lower>    CONSENT                            type consent: its source, time, form version,
 *                                                                   keyed IP hash and confirmation time
 *   CONFIRM#<nonce>              NONCE                              type confirm-nonce: one confirmation link,
 *                                                                   single use (`usedAt`), the address's keyed
 *                                                                   fingerprint; TTL the link's expiry
 *   RATE#<fingerprint>           CONFIRM#<yyyy-mm-ddThh>            confirmation emails to an address in that
 *                                                                   UTC hour (`sent`); TTL now + 2 h
 *   RATE#NET#<network hash>      SIGNUP#<yyyy-mm-ddThh>             signups from one network (IPv4 address, IPv6
 *                                                                   /64, keyed hash) in that hour; TTL now + 2 h
 *   ERASED#<fingerprint>         TOMBSTONE                          type tombstone: an address erased at its
 *                                                                   owner's request (keyed fingerprint; a plain
 *                                                                   <email hash> left by an older version is
 *                                                                   replaced when next looked up); no TTL
 * Editions (functions/core/store/edition-store.ts, functions/digest/enqueue-progress.ts):
 *   EDITION#<yyyy-mm-dd>#<edition>  EDITION                         type edition: the rendered edition
 *   EDITION#<yyyy-mm-dd>#<edition>  TO#<fingerprint>                 type delivery: the send ledger, one item per
 *                                                                   recipient (status claimed, sent, failed, skipped)
 *   EDITION#<yyyy-mm-dd>#<edition>  STATS                           counters (sent, bounces, complaints), the
 *                                                                   pause flag and the resume baseline
 *   EDITION#<yyyy-mm-dd>#<edition>  FEEDBACK#<SES message id>#<kind>  type feedback: an SES event seen once;
 *                                                                   TTL now + 90 days
 *   EDITION#<yyyy-mm-dd>#<edition>  ENQUEUE#<shard, 3 digits>       fan-out progress of one index shard
 *                                                                   (`after`: an `activeKey`, never an address;
 *                                                                   `count`) and its lease
 * Clicks (functions/core/clicks/click-store.ts; TTL: the edition's day + 91 days on every item):
 *   EDITION#<yyyy-mm-dd>#<edition>  LINKS                           type edition-links: the link map (link id,
 *                                                                   base 36 → article URL, headline) the click
 *                                                                   route redirects to
 *   CLICKS#<yyyy-mm-dd>#<edition>#<shard, 2 digits>  HOUR#<yyyy-mm-ddThh>  one of 16 shards of the hour's
 *                                                                   counters: `clicks`, `l_<link id>`,
 *                                                                   `filteredTiming`, `filteredAgent`, and
 *                                                                   `u<register>` (number sets of HyperLogLog
 *                                                                   ranks of keyed hashes: names no one)
 *   READER#<reader id>           CLICKS#<yyyy-mm-dd>#<edition>      per-subscriber tracking only (consent):
 *                                                                   one reader's `l_<link id>` clicks; <reader
 *                                                                   id> is `TokenSigner.readerId` (keyed);
 *                                                                   deleted on erasure
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
      /** The keyed fingerprint, not the address: a fan-out cursor, which holds one, names nobody once erased. */
      sortKey: 'activeKey',
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
