import { randomBytes } from 'node:crypto';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { encode as encodeQp, wrap as wrapQp } from 'nodemailer/lib/qp';
import { type DigestMessage, composeDigest, messageIdOn, senderDomainOf } from './compose';
import {
  type PartKind,
  type PersonalLinks,
  type PersonalizableEdition,
  personalSegments,
  personalValue,
} from './personalize';

/** An edition as every recipient gets it, before the personal parts: the message less To, Message-ID and the links. */
export type DigestTemplate = Omit<DigestMessage, 'to' | 'unsubscribeUrl' | 'html' | 'text'> & PersonalizableEdition;

/** The headers that differ per recipient, each written as a whole (folded) header line. */
export type HeaderSlot = 'To' | 'Message-ID' | 'List-Unsubscribe';
type Piece = Buffer | { header: HeaderSlot } | { link: keyof PersonalLinks; kind: PartKind };

const CRLF = '\r\n';
/** A QP soft line break: ends a line without adding to the decoded text, so a link can start on a line of its own. */
const SOFT_BREAK = Buffer.from(`=${CRLF}`);

/**
 * A digest composed once per edition: nodemailer's MailComposer builds the whole message (headers,
 * multipart/alternative, both parts) around placeholders, the parts are quoted-printable with
 * every personal link on lines of its own (lines stay ≤ 76 octets), and each recipient's message
 * is the same bytes with To, Message-ID, List-Unsubscribe and the links spliced in. The result
 * parses to the same headers and parts as composeDigest's message for that recipient.
 */
export class PrecomposedDigest {
  private constructor(
    private readonly pieces: Piece[],
    private readonly senderDomain: string,
  ) {}

  static async compose(template: DigestTemplate): Promise<PrecomposedDigest> {
    const { html, text, personalMarkers, ...message } = template;
    // Short enough that no placeholder header line is folded; only this composition's own text is searched.
    const nonce = randomBytes(8).toString('hex');
    const slot = (name: string) => `daybreak${nonce}${name}`;
    const raw = (
      await composeDigest({
        ...message,
        to: `${slot('to')}@s.invalid`,
        unsubscribeUrl: `https://s.invalid/${slot('unsubscribe')}`,
        // The parts are written here: MailComposer only frames them (headers, boundaries).
        text: { content: slot('text'), contentTransferEncoding: 'quoted-printable' },
        html: { content: slot('html'), contentTransferEncoding: 'quoted-printable' },
        messageId: `<${slot('mid')}@s.invalid>`,
      })
    ).toString('latin1');
    const edition = { personalMarkers };
    const cuts: [string, Piece[]][] = [
      [`To: ${slot('to')}@s.invalid`, [{ header: 'To' }]],
      [`Message-ID: <${slot('mid')}@s.invalid>`, [{ header: 'Message-ID' }]],
      [`List-Unsubscribe: <https://s.invalid/${slot('unsubscribe')}>`, [{ header: 'List-Unsubscribe' }]],
      [slot('text'), encodePart(text, edition, 'text')],
      [slot('html'), encodePart(html, edition, 'html')],
    ];
    const found = cuts
      .map(([placeholder, pieces]) => ({ at: raw.indexOf(placeholder), placeholder, pieces }))
      .sort((a, b) => a.at - b.at);
    const pieces: Piece[] = [];
    let from = 0;
    for (const { at, placeholder, pieces: slotPieces } of found) {
      if (at < 0) throw new Error(`precompose: the composer did not write "${placeholder}" where expected`);
      pieces.push(Buffer.from(raw.slice(from, at), 'latin1'), ...slotPieces);
      from = at + placeholder.length;
    }
    pieces.push(Buffer.from(raw.slice(from), 'latin1'));
    return new PrecomposedDigest(pieces, senderDomainOf(message.from));
  }

  /** One recipient's raw message: copies and small encodings only. */
  forRecipient(to: string, links: PersonalLinks, messageId: string = messageIdOn(this.senderDomain)): Buffer {
    const values: Record<HeaderSlot, string> = {
      To: to,
      'Message-ID': messageId,
      'List-Unsubscribe': `<${links.unsubscribeUrl}>`,
    };
    return Buffer.concat(
      this.pieces.map((piece) => {
        if (Buffer.isBuffer(piece)) return piece;
        if ('header' in piece) return Buffer.from(headerLine(piece.header, values[piece.header]), 'latin1');
        return Buffer.concat([Buffer.from(qp(personalValue(links, piece)), 'latin1'), SOFT_BREAK]);
      }),
    );
  }
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
/**
 * Values MimeNode writes as they are: a bare dot-atom address, an ASCII `<...>`. Checking for these
 * spares a MimeNode per header (most of a recipient's cost); anything else takes nodemailer's path.
 */
const WRITTEN_AS_IS: Record<HeaderSlot, RegExp> = {
  To: new RegExp(`^${ATOM}(?:\\.${ATOM})*@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*$`),
  'Message-ID': /^<[\x21-\x7e]+>$/,
  // URL characters less the quote and `=?` that can start an encoded word
  'List-Unsubscribe': /^<https:\/\/(?:[A-Za-z0-9._~:/#@!$&'()*+,;%-]|=(?!\?)|\?)+>$/,
};

/** A header line as MimeNode writes it: encoded (addresses, encoded words) and folded at 76. */
export function headerLine(key: HeaderSlot, value: string): string {
  const encoded = WRITTEN_AS_IS[key].test(value)
    ? value
    : MimeNode.encodeHeaderValue(key, value, { textEncoding: 'B' });
  return foldLines(`${key}: ${encoded}`, 76);
}

/** Quoted-printable in lines of ≤ 76; a CR that is no line break is data (=0D), as base64 would have kept it. */
function qp(value: string): string {
  return wrapQp(encodeQp(value).replace(/\r(?!\n)/g, '=0D'), 76);
}

/**
 * A text part in quoted-printable, cut where the personal links go: the edition's own text is
 * encoded once, each segment ending in a soft break so the next (a link or text) starts a line.
 * Line feeds become CRLF, the canonical line end of text in MIME (RFC 2045 §6.7).
 */
function encodePart(part: string, edition: Pick<PersonalizableEdition, 'personalMarkers'>, kind: PartKind): Piece[] {
  const segments = personalSegments(part.replace(/(?<!\r)\n/g, CRLF), edition, kind);
  return segments.flatMap((segment, i): Piece[] => {
    if (typeof segment !== 'string') return [segment];
    const encoded = Buffer.from(qp(segment), 'latin1');
    return i === segments.length - 1 ? [encoded] : [encoded, SOFT_BREAK];
  });
}
