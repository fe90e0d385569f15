import { simpleParser } from 'mailparser';
import { composeDigest } from '../../../functions/mail/compose';
import { composeConfirmation } from '../../../functions/mail/confirmation-email';
import { ledgerConfirmation } from '../../helpers/mail';

const brand = { name: 'Morning Ledger', accent: '#0b57d0', accentDark: '#8ab4f8' };
const postalAddress = 'Morning Ledger Ltd, 1 Example Street, London N1 1AA';

describe('the confirmation email', () => {
  it('wears the brand and ends with why it was sent, the archive and the postal address', async () => {
    const mail = await ledgerConfirmation({ brand, postalAddress });
    const html = String(mail.html);
    expect(mail.subject).toBe('Confirm your Morning Ledger subscription');
    expect(html).toContain('<p class="brand">Morning Ledger</p>');
    expect(html).toContain('someone asked to subscribe this address at news.example.com');
    expect(html).toContain('href="https://news.example.com/archive"');
    expect(html).toContain('Morning Ledger · Morning Ledger Ltd, 1 Example Street, London N1 1AA');
    expect(mail.text).toContain('Morning Ledger · Morning Ledger Ltd, 1 Example Street, London N1 1AA');
    expect(html).not.toContain('fonts.googleapis');
  });

  it('shows the brand’s logo with its size and alt text', async () => {
    const logo = { url: 'https://news.example.com/logo.png', width: 160, height: 40, alt: 'Morning Ledger' };
    const mail = await ledgerConfirmation({ brand: { ...brand, logo }, postalAddress });
    const img = /<img\b[^>]*src="https:\/\/news\.example\.com\/logo\.png"[^>]*>/.exec(String(mail.html))?.[0] ?? '';
    expect(img).toMatch(/\balt="Morning Ledger"/);
    expect(img).toMatch(/\bwidth="160"/);
    expect(img).toMatch(/\bheight="40"/);
  });
});

// Here rather than beside composeDigest's tests: a file that renders MJML pays for loading it once.
describe('one Message-ID scheme', () => {
  it('names the digest and the confirmation email alike, on the sender’s domain', async () => {
    const confirmation = await simpleParser(
      await composeConfirmation({
        from: '"Daybreak, the news" <digest@News.Example.com>',
        to: 'ann@example.com',
        confirmUrl: 'https://news.example.com/confirm?token=a.b',
        expiresAt: new Date('2026-11-28T07:00:00Z'),
        editions: ['Daybreak'],
      }),
    );
    const digest = await simpleParser(
      await composeDigest({
        from: 'Daybreak <digest@news.example.com>',
        to: 'ann@example.com',
        subject: 'Daybreak',
        html: '<p>Daybreak</p>',
        text: 'Daybreak',
        unsubscribeUrl: 'https://news.example.com/unsubscribe?token=abc.def',
        listId: 'global.news.example.com',
        feedbackId: '2026-11-26:global:daybreak',
        archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
      }),
    );
    const scheme = /^<[0-9a-f-]{36}@news\.example\.com>$/;
    expect(confirmation.messageId).toMatch(scheme);
    expect(digest.messageId).toMatch(scheme);
  });
});
