import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { SigV4Signer } from '../../../../functions/core/aws-wire/sigv4';

interface Captured {
  headers: Record<string, string>;
  body: string;
  path: string;
}

/** The request an SDK client signs for `command`, taken from its request handler before anything is sent. */
async function signedBySdk(
  make: (requestHandler: { handle: (request: Captured) => Promise<never> }) => {
    send: (command: never) => Promise<unknown>;
  },
  command: unknown,
): Promise<Captured> {
  let captured: Captured | undefined;
  const client = make({
    handle: async (request) => {
      captured = request;
      throw new Error('captured');
    },
  });
  await client.send(command as never).catch(() => undefined);
  if (!captured) throw new Error('the SDK sent nothing');
  return captured;
}

/** The SDK's request signed again by SigV4Signer: the headers the SDK signed, its date, its body. */
function signedAgain(sdk: Captured, credentials: AwsCredentialIdentity, service: string): string {
  const names = /SignedHeaders=([^,]+)/.exec(sdk.headers.authorization ?? '')?.[1]?.split(';') ?? [];
  const headers = Object.fromEntries(
    names.filter((n) => n !== 'x-amz-date' && n !== 'x-amz-security-token').map((n) => [n, sdk.headers[n] ?? '']),
  );
  const at = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(sdk.headers['x-amz-date'] ?? '');
  if (!at) throw new Error('no x-amz-date');
  const now = new Date(Date.UTC(+at[1]!, +at[2]! - 1, +at[3]!, +at[4]!, +at[5]!, +at[6]!));
  return new SigV4Signer('eu-west-1', service).sign(headers, sdk.body, credentials, now);
}

const permanent = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const temporary = { ...permanent, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars' };

describe('SigV4Signer signs as the AWS SDK does', () => {
  it.each([
    ['permanent', permanent],
    ['temporary (a Lambda role)', temporary],
  ])('an SES query-protocol call with %s credentials', async (_, credentials) => {
    // Prepare: SendRawEmail as the sender makes it, signed by the SDK's own middleware.
    const command = new SendRawEmailCommand({
      RawMessage: { Data: Buffer.from('To: ann@example.com\r\nSubject: Hi\r\n\r\nA body with + / = in it.') },
      ConfigurationSetName: 'daybreak',
      Tags: [{ Name: 'edition', Value: 'global' }],
    });
    const sdk = await signedBySdk(
      (requestHandler) => new SESClient({ region: 'eu-west-1', credentials, requestHandler }),
      command,
    );

    // Act & Assess: the same request, the same signature.
    expect(sdk.path).toBe('/');
    expect(signedAgain(sdk, credentials, 'ses')).toBe(sdk.headers.authorization);
  });

  it.each([
    ['permanent', permanent],
    ['temporary (a Lambda role)', temporary],
  ])('a DynamoDB JSON-protocol call with %s credentials', async (_, credentials) => {
    const command = new PutItemCommand({
      TableName: 't',
      Item: { pk: { S: 'EDITION#2026-11-26#global' }, sk: { S: 'TO#abc' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    const sdk = await signedBySdk(
      (requestHandler) => new DynamoDBClient({ region: 'eu-west-1', credentials, requestHandler }),
      command,
    );

    expect(signedAgain(sdk, credentials, 'dynamodb')).toBe(sdk.headers.authorization);
  });
});
