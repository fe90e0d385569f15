import { SendRawEmailCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import { SesWire } from '../../../../functions/core/aws-wire/ses-wire';
import { SignedPost } from '../../../../functions/core/aws-wire/signed-post';
import { classifySesError, type SesErrorKind } from '../../../../functions/send/ses-errors';
import type { LocalSes } from '../../../../infra/local/ses';
import { cannedServer, type CannedAnswer, withCannedServer } from '../../../helpers/canned-http';
import { readOutbox } from '../../../helpers/mail';
import { sesStandIn } from '../../../helpers/stand-ins';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const sesAt = (endpoint: string) =>
  new SesWire(new SignedPost(new SESClient({ region: 'us-east-1', credentials, endpoint }).config, 'ses'));
// Bytes that base64 turns into '+', '/' and '=': each must arrive as it was sent.
const raw = Buffer.concat([
  Buffer.from('From: d@news.example.com\r\nTo: ann@example.com\r\nSubject: Hi\r\n\r\n'),
  Buffer.from([0xfb, 0xff, 0xbf, 0x3e, 0x3f]),
]);
const command = () =>
  new SendRawEmailCommand({
    RawMessage: { Data: raw },
    ConfigurationSetName: 'daybreak',
    Tags: [
      { Name: 'edition', Value: 'global' },
      { Name: 'date', Value: '2026-11-26' },
    ],
  });
const xmlError = (status: number, code: string, message: string, type = 'Sender'): CannedAnswer => ({
  status,
  body: `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
});

describe('SesWire against the local SES', () => {
  let local: LocalSes;
  beforeAll(async () => {
    ({ local } = await sesStandIn());
  });
  afterAll(() => local.close());

  it('hands SES the message byte for byte and answers with its message id', async () => {
    const { MessageId } = await sesAt(local.endpoint).send(command());

    const outbox = await readOutbox(local.outboxDir);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.raw.equals(raw)).toBe(true);
    expect(MessageId).toMatch(/^local-1-/);
  });
});

describe('SesWire on the wire', () => {
  it('posts SendRawEmail in the query protocol, with the configuration set and the tags', async () => {
    await withCannedServer(
      [
        {
          status: 200,
          body: '<SendRawEmailResponse><SendRawEmailResult><MessageId>m-1</MessageId></SendRawEmailResult></SendRawEmailResponse>',
        },
      ],
      async (server) => {
        expect(await sesAt(server.endpoint).send(command())).toMatchObject({
          MessageId: 'm-1',
          $metadata: { httpStatusCode: 200 },
        });
        const form = new URLSearchParams(server.requests[0]?.body);
        expect(Object.fromEntries(form)).toEqual({
          Action: 'SendRawEmail',
          Version: '2010-12-01',
          'RawMessage.Data': raw.toString('base64'),
          ConfigurationSetName: 'daybreak',
          'Tags.member.1.Name': 'edition',
          'Tags.member.1.Value': 'global',
          'Tags.member.2.Name': 'date',
          'Tags.member.2.Value': '2026-11-26',
        });
        expect(server.requests[0]?.headers.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/ses\//,
        );
      },
    );
  });

  it.each<[string, CannedAnswer, string, SesErrorKind]>([
    ['throttling', xmlError(400, 'Throttling', 'Maximum sending rate exceeded.'), 'Throttling', 'retry'],
    [
      'a rejected address',
      xmlError(400, 'MessageRejected', 'Email address is not verified: &lt;ann@example.com&gt;'),
      'MessageRejected',
      'permanent',
    ],
    [
      'paused sending',
      xmlError(400, 'AccountSendingPausedException', 'Paused.'),
      'AccountSendingPausedException',
      'halt',
    ],
    ['an internal failure', xmlError(500, 'InternalFailure', 'Oops.', 'Receiver'), 'InternalFailure', 'retry'],
    ['a proxy page', { status: 503, body: '<html>Unavailable</html>', contentType: 'text/html' }, 'HTTP503', 'retry'],
    [
      'an answer without a message id',
      { status: 200, body: '<SendRawEmailResponse/>' },
      'MissingMessageId',
      'ambiguous',
    ],
  ])('turns %s into the error the sender classifies', async (_, answer, name, kind) => {
    await withCannedServer([answer], async (server) => {
      const error = await sesAt(server.endpoint)
        .send(command())
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SESServiceException);
      expect(error).toMatchObject({ name });
      expect(classifySesError(error).kind).toBe(kind);
      expect(server.requests).toHaveLength(1);
    });
  });

  it('keeps SES words, entities decoded, for the ledger reason', async () => {
    await withCannedServer(
      [xmlError(400, 'MessageRejected', 'Not verified: &lt;x@example.com&gt; &amp; more')],
      async (server) => {
        const error = await sesAt(server.endpoint)
          .send(command())
          .catch((e: unknown) => e);
        expect(classifySesError(error).reason).toBe('MessageRejected: Not verified: <x@example.com> & more');
      },
    );
  });

  it('calls a cut connection ambiguous (SES may have taken the message), and a refused one safe to retry', async () => {
    const server = await cannedServer(['cut']);
    const cut = await sesAt(server.endpoint)
      .send(command())
      .catch((e: unknown) => e);
    await server.close();
    expect(classifySesError(cut).kind).toBe('ambiguous');

    // The server is gone: nothing listens on its port any more.
    const refused = await sesAt(server.endpoint)
      .send(command())
      .catch((e: unknown) => e);
    expect(classifySesError(refused).kind).toBe('retry');
  });

  it('refuses a field it would not send rather than drop it', async () => {
    await withCannedServer([], async (server) => {
      await expect(
        sesAt(server.endpoint).send(
          new SendRawEmailCommand({ RawMessage: { Data: raw }, Source: 'd@news.example.com' }),
        ),
      ).rejects.toThrow('SendRawEmail with Source is not supported');
      expect(server.requests).toHaveLength(0);
    });
  });
});
