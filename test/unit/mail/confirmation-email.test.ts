import { simpleParser } from 'mailparser';
import { composeConfirmation } from '../../../functions/mail/confirmation-email';

describe('the confirmation email', () => {
  it('wears the brand and ends with why it was sent, the archive and the postal address', async () => {
    const mail = await simpleParser(
      await composeConfirmation({
        from: 'Morning Ledger <digest@news.example.com>',
        to: 'reader@example.org',
        confirmUrl: 'https://news.example.com/confirm?token=T',
        expiresAt: new Date('2026-11-28T07:00:00Z'),
        editions: ['Morning Ledger'],
        publicUrl: 'https://news.example.com',
        identity: {
          brand: { name: 'Morning Ledger', accent: '#0b57d0', accentDark: '#8ab4f8' },
          postalAddress: 'Morning Ledger Ltd, 1 Example Street, London N1 1AA',
        },
      }),
    );
    const html = String(mail.html);
    expect(mail.subject).toBe('Confirm your Morning Ledger subscription');
    expect(html).toContain('<p class="brand">Morning Ledger</p>');
    expect(html).toContain('someone asked to subscribe this address at news.example.com');
    expect(html).toContain('href="https://news.example.com/archive"');
    expect(html).toContain('Morning Ledger · Morning Ledger Ltd, 1 Example Street, London N1 1AA');
    expect(mail.text).toContain('Morning Ledger · Morning Ledger Ltd, 1 Example Street, London N1 1AA');
    expect(html).not.toContain('fonts.googleapis');
  });
});
