import MailComposer from 'nodemailer/lib/mail-composer';

export interface DigestMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** https URL that unsubscribes with one POST (RFC 8058). */
  unsubscribeUrl: string;
  /** Address that unsubscribes by mail, for clients that prefer it. */
  unsubscribeMailto: string;
  /** `<edition>.<domain>`: lets mail clients group and filter the list. */
  listId: string;
  /** `<campaign>:<edition>:daybreak`: how Gmail's postmaster tools break down feedback. */
  feedbackId: string;
  messageIdDomain: string;
  archiveUrl?: string;
}

/**
 * Composes the raw MIME message with nodemailer's MailComposer: multipart/alternative with text and
 * HTML, and the list headers that one-click unsubscribe and bulk-sender rules require.
 */
export async function composeDigest(message: DigestMessage): Promise<Buffer> {
  const composer = new MailComposer({
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${crypto.randomUUID()}@${message.messageIdDomain}>`,
    textEncoding: 'base64',
    // MailComposer leaves the `list` option to nodemailer's transport layer, so the list headers are written here.
    headers: {
      'List-Id': `Daybreak <${message.listId}>`,
      'List-Unsubscribe': `<${message.unsubscribeUrl}>, <mailto:${message.unsubscribeMailto}?subject=unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      ...(message.archiveUrl ? { 'List-Archive': `<${message.archiveUrl}>` } : {}),
      'Feedback-ID': message.feedbackId,
    },
  });
  return composer.compile().build();
}
