import { simpleParser } from 'mailparser';
import { composeDigest } from '../../../functions/mail/compose';
import { mailbox } from '../../../functions/mail/mailbox';

const parts = {
  to: 'ann@example.com',
  subject: 'Daybreak',
  html: '<p>x</p>',
  text: 'x',
  unsubscribeUrl: 'https://news.example.com/unsubscribe?token=t',
  listId: 'global.news.example.com',
  feedbackId: 'f',
};

describe('the From mailbox', () => {
  it('leaves a plain name bare', () => {
    expect(mailbox('Daybreak', 'digest@news.example.com')).toBe('Daybreak <digest@news.example.com>');
  });

  it.each([
    'Daybreak <News>',
    'Smith, Jones & Co',
    'The "Morning" Brief',
    'Back\\slash; (comment) @home',
    'Zeitung für Köln',
  ])('keeps %p as one display name and the right address once mailed', async (name) => {
    const mail = await simpleParser(await composeDigest({ ...parts, from: mailbox(name, 'digest@news.example.com') }));
    expect(mail.from?.value).toEqual([{ name, address: 'digest@news.example.com' }]);
  });
});
