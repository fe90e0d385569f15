import { simpleParser } from 'mailparser';
import { composeDigest } from '../../../functions/mail/compose';
import { rawHeader } from '../../helpers/mail';

const message = {
  from: 'Daybreak <digest@news.example.com>',
  to: 'ann@example.com',
  subject: 'Daybreak: Bridge reopens — and more',
  html: '<html><body><h1>Daybreak</h1><p>Bridge reopens</p></body></html>',
  text: 'Daybreak\n\n1. Bridge reopens\n   https://news.example.com/bridge',
  unsubscribeUrl: 'https://news.example.com/unsubscribe?token=abc.def',
  listId: 'global.news.example.com',
  feedbackId: '2026-11-26:global:daybreak',
  archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
};

describe('composeDigest', () => {
  it('builds multipart/alternative with a text and an HTML part', async () => {
    const raw = await composeDigest(message);
    expect(raw.toString()).toMatch(/Content-Type: multipart\/alternative/);
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(message.subject);
    expect(mail.text?.trim()).toBe(message.text);
    expect(mail.html).toContain('<h1>Daybreak</h1>');
  });

  it('carries one-click unsubscribe (RFC 8058) and no mailto nobody reads, List-Id and Feedback-ID', async () => {
    const mail = await simpleParser(await composeDigest(message));
    expect(rawHeader(mail, 'List-Unsubscribe')).toBe('<https://news.example.com/unsubscribe?token=abc.def>');
    expect(rawHeader(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(mail, 'List-Id')).toBe('Daybreak <global.news.example.com>');
    expect(rawHeader(mail, 'Feedback-ID')).toBe('2026-11-26:global:daybreak');
  });

  it('gives every message its own Message-ID on the sender domain', async () => {
    const [a, b] = await Promise.all([composeDigest(message), composeDigest(message)]).then((raws) =>
      Promise.all(raws.map((r) => simpleParser(r))),
    );
    expect(a?.messageId).toMatch(/@news\.example\.com>$/);
    expect(a?.messageId).not.toBe(b?.messageId);
  });
});
