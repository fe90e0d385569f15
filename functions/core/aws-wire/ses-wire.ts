import {
  type SendRawEmailCommand,
  type SendRawEmailCommandOutput,
  type SendRawEmailRequest,
  SESServiceException,
} from '@aws-sdk/client-ses';
import { decodeXML } from 'entities';
import { responseMetadata, type SignedPost, type WireResponse } from './signed-post';

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
/** What the query body carries: the fields the sender sets; anything else would be dropped silently, so it is refused. */
const SUPPORTED = new Set<keyof SendRawEmailRequest>(['RawMessage', 'ConfigurationSetName', 'Tags']);

/**
 * SES's SendRawEmail as the SDK's client takes it (the same command, the same answer, errors as
 * `SESServiceException`s named by SES's error code), posted in the query protocol over a
 * `SignedPost` instead of through the SDK's middleware: the bulk sender makes one call a recipient.
 * One attempt a call, as the sender wants: a retry would skip its token bucket and its claim release.
 *
 * @example
 *   const ses = new SesWire(new SignedPost(sesClient.config, 'ses'));
 *   const { MessageId } = await ses.send(new SendRawEmailCommand({ RawMessage: { Data: raw } }));
 */
export class SesWire {
  constructor(private readonly post: Pick<SignedPost, 'post'>) {}

  async send(command: SendRawEmailCommand): Promise<SendRawEmailCommandOutput> {
    const response = await this.post.post({ 'content-type': FORM }, sendRawEmailBody(command.input));
    if (response.status !== 200) throw exceptionOf(response);
    const messageId = /<MessageId>([^<]*)<\/MessageId>/.exec(response.body)?.[1];
    if (messageId === undefined) throw exceptionOf(response);
    return { MessageId: decodeXML(messageId), $metadata: responseMetadata(response) };
  }
}

/** The query protocol's form: `Tags.member.1.Name=…`; the message as base64, whose `+`, `/` and `=` are escaped. */
export function sendRawEmailBody(input: SendRawEmailRequest): string {
  const unsupported = Object.keys(input).filter(
    (key) => input[key as keyof SendRawEmailRequest] !== undefined && !SUPPORTED.has(key as keyof SendRawEmailRequest),
  );
  if (unsupported.length > 0) throw new Error(`SesWire: SendRawEmail with ${unsupported.join(', ')} is not supported`);
  const data = input.RawMessage?.Data;
  if (!data) throw new Error('SesWire: SendRawEmail needs RawMessage.Data');
  const base64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  let body = `Action=SendRawEmail&Version=2010-12-01&RawMessage.Data=${base64.replaceAll('+', '%2B').replaceAll('/', '%2F').replaceAll('=', '%3D')}`;
  if (input.ConfigurationSetName) body += `&ConfigurationSetName=${encode(input.ConfigurationSetName)}`;
  input.Tags?.forEach((tag, i) => {
    body += `&Tags.member.${i + 1}.Name=${encode(tag.Name ?? '')}&Tags.member.${i + 1}.Value=${encode(tag.Value ?? '')}`;
  });
  return body;
}

const encode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SES's `<ErrorResponse><Error><Type/><Code/><Message/></Error>` as the SDK's exception, named by the code. */
function exceptionOf(response: WireResponse): SESServiceException {
  const field = (name: string) => {
    const value = new RegExp(`<${name}>([^<]*)</${name}>`).exec(response.body)?.[1];
    return value === undefined ? undefined : decodeXML(value);
  };
  const name = field('Code') ?? (response.status === 200 ? 'MissingMessageId' : `HTTP${response.status}`);
  const type = field('Type');
  return new SESServiceException({
    name,
    message: field('Message') ?? name,
    $fault: type === 'Receiver' || response.status >= 500 ? 'server' : 'client',
    $metadata: responseMetadata(response),
  });
}
