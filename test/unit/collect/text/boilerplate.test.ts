import { isBoilerplate } from '../../../../functions/collect/text/boilerplate';

describe('isBoilerplate', () => {
  it.each([
    '(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)',
    'Disclaimer: views expressed are the author’s own.',
    'Advertisement',
    'Story continues below advertisement',
    'Also read: Metro line closes for repairs',
    'Share this article',
    'Follow us on every network',
  ])('drops "%s"', (line) => expect(isBoilerplate(line)).toBe(true));

  it.each([
    'Share prices fell 3% on Monday.',
    'Email servers at the ministry were down for a day.',
    'Advertisements for the scheme ran on national television for a month.',
  ])('keeps "%s"', (line) => expect(isBoilerplate(line)).toBe(false));
});
