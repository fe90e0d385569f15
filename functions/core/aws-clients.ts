import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { DynamoDBWire } from './aws-wire/dynamodb-wire';
import { SesWire } from './aws-wire/ses-wire';
import { SignedPost } from './aws-wire/signed-post';

/** The AWS clients of one process, made here and nowhere else. */
export interface AwsClients {
  /** What the stores use: the document client over `dynamodb`. */
  readonly db: DynamoDBDocumentClient;
  /** The plain DynamoDB client (tables, not items). */
  readonly dynamodb: DynamoDBClient;
  /**
   * The sender's per-recipient ledger writes (PutItem, UpdateItem, items marshalled by hand), signed
   * and posted without the SDK's middleware, which costs four times the request; as `dynamodb`
   * resolves its endpoint and credentials. Not traced.
   */
  readonly ledgerDb: DynamoDBWire;
  /**
   * The collector's batches of articles and its day reads (BatchWriteItem, BatchGetItem, Query,
   * items marshalled by hand), without the SDK's middleware: a run makes a thousand batch
   * requests. As `dynamodb` resolves its endpoint and credentials; not traced.
   */
  readonly itemsDb: DynamoDBWire;
  readonly ses: SESClient;
  /**
   * SendRawEmail for the bulk sender, one a recipient: one attempt a call (a retry would skip the
   * sender's token bucket and its claim release), without the SDK's middleware, as `ses` resolves
   * its endpoint and credentials. Not traced.
   */
  readonly bulkSes: SesWire;
  readonly sqs: SQSClient;
  readonly s3: S3Client;
  readonly secrets: SecretsManagerClient;
}

export interface AwsClientOptions {
  /** @default the SDK's own resolution (AWS_REGION in Lambda) */
  region?: string;
  /** @default the SDK's credential chain */
  credentials?: AwsCredentialIdentity;
  /** Stand-ins to reach instead of AWS (the local stack's dynalite, aws-ses-v2-local, queue). */
  endpoints?: { dynamodb?: string; ses?: string; sqs?: string; s3?: string; secretsManager?: string };
  /** Wraps each client as it is made: Powertools' `tracer.captureAWSv3Client` in Lambda. */
  trace?: <C>(client: C) => C;
}

/** The DynamoDB document client Daybreak's stores use (undefined attributes left out). */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * The clients, each made on first use (a function that never reads a secret makes no Secrets
 * Manager client). Without options they reach AWS as the SDK resolves it.
 *
 * @example
 * const clients = awsClients({ trace: (client) => tracer.captureAWSv3Client(client) });
 * await clients.db.send(new GetCommand({ TableName, Key }));
 */
export function awsClients(options: AwsClientOptions = {}): AwsClients {
  const trace = options.trace ?? (<C>(client: C) => client);
  // Only what is given: a key set to undefined could stand in the way of the SDK's own resolution.
  const base = (endpoint: string | undefined) => ({
    ...(options.region ? { region: options.region } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
  });
  const endpoints = options.endpoints ?? {};
  const make: { [K in keyof AwsClients]: () => AwsClients[K] } = {
    dynamodb: () => trace(new DynamoDBClient(base(endpoints.dynamodb))),
    db: () => documentClient(clients.dynamodb),
    ses: () => trace(new SESClient(base(endpoints.ses))),
    // One pool of kept-alive connections per process for each: a handshake per call would cost more than the call.
    ledgerDb: () => new DynamoDBWire(new SignedPost(clients.dynamodb.config, 'dynamodb')),
    // The same wire as the ledger's: one pool and one signing key per process, whichever function uses it.
    itemsDb: () => clients.ledgerDb,
    bulkSes: () => new SesWire(new SignedPost(clients.ses.config, 'ses')),
    sqs: () => trace(new SQSClient(base(endpoints.sqs))),
    // A stand-in serves buckets by path, not by host name.
    s3: () => trace(new S3Client({ ...base(endpoints.s3), forcePathStyle: endpoints.s3 !== undefined })),
    secrets: () => trace(new SecretsManagerClient(base(endpoints.secretsManager))),
  };
  const clients = {} as AwsClients;
  for (const name of Object.keys(make) as (keyof AwsClients)[]) {
    let made: AwsClients[typeof name] | undefined;
    Object.defineProperty(clients, name, { enumerable: true, get: () => (made ??= make[name]()) });
  }
  return clients;
}

/** The clients a Lambda uses, each traced by X-Ray through Powertools. */
export function tracedAwsClients(tracer: Pick<Tracer, 'captureAWSv3Client'>): AwsClients {
  return awsClients({ trace: (client) => tracer.captureAWSv3Client(client) });
}
