import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';

/** A part's text, or text the caller has encoded itself (the precomposer's placeholders): MailComposer only frames it. */
export type PartContent = string | { content: string; contentTransferEncoding: 'quoted-printable' };

/** What every Daybreak email has: who from and to, a subject, and a text and an HTML part. */
export interface MailParts {
  /** `Name <address>`: its domain also names the Message-ID. */
  from: string;
  to: string;
  subject: string;
  html: PartContent;
  text: PartContent;
  /** Given only by the precomposer (a placeholder); otherwise a new one from newMessageId. */
  messageId?: string;
}

export interface DigestMessage extends MailParts {
  /** https URL that unsubscribes with one POST (RFC 8058): the only List-Unsubscribe method offered. */
  unsubscribeUrl: string;
  /** `<edition>.<domain>`: lets mail clients group and filter the list. */
  listId: string;
  /** `<campaign>:<edition>:daybreak`: how Gmail's postmaster tools break down feedback. */
  feedbackId: string;
  archiveUrl?: string;
}

/** The domain of the sender's address: what names the list and the Message-IDs. */
export function senderDomainOf(from: string): string {
  const [sender] = addressparser(from, { flatten: true });
  const domain = sender?.address.split('@')[1];
  return domain ? domain.toLowerCase() : 'daybreak.invalid';
}

/** Daybreak's one Message-ID scheme, for digests and confirmations alike: unique, on the sender's domain (RFC 5322 §3.6.4). */
export function newMessageId(from: string): string {
  return messageIdOn(senderDomainOf(from));
}

/** newMessageId for a sender domain found once (the precomposed digest's recipients). */
export function messageIdOn(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

/**
 * Composes a raw MIME message with nodemailer's MailComposer: multipart/alternative with the text
 * and the HTML part, base64 text so long lines survive, and the headers given.
 */
export function composeMail(parts: MailParts, headers: Record<string, string>): Promise<Buffer> {
  const composer = new MailComposer({
    ...parts,
    messageId: parts.messageId ?? newMessageId(parts.from),
    textEncoding: 'base64',
    headers,
  });
  return composer.compile().build();
}

/**
 * An edition for one recipient, with the list headers that one-click unsubscribe and bulk-sender
 * rules require. List-Unsubscribe carries only the https URL: no mailbox receives unsubscribe mail,
 * and RFC 8058 one-click is what Gmail and Yahoo act on.
 */
export function composeDigest(message: DigestMessage): Promise<Buffer> {
  const { unsubscribeUrl, listId, feedbackId, archiveUrl, ...parts } = message;
  // MailComposer leaves the `list` option to nodemailer's transport layer, so the list headers are written here.
  return composeMail(parts, {
    'List-Id': `Daybreak <${listId}>`,
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    ...(archiveUrl ? { 'List-Archive': `<${archiveUrl}>` } : {}),
    'Feedback-ID': feedbackId,
  });
}
