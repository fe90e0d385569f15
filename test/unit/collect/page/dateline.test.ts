import { readDateline } from '../../../../functions/collect/page/dateline';

describe('readDateline', () => {
  it.each([
    ['SEOUL (Reuters) - North Korea fired...', { location: 'Seoul', source: 'Reuters' }],
    ['NEW DELHI, July 27 (PTI) — The government said...', { location: 'New Delhi', source: 'PTI' }],
    ['WASHINGTON: Senators agreed on...', { location: 'Washington' }],
    ["ST. JOHN'S (CP) – Fishing boats...", { location: "St. John's", source: 'CP' }],
    ['  RIO DE JANEIRO (AFP) - Carnival...', { location: 'Rio De Janeiro', source: 'AFP' }],
  ])('reads %j', (text, expected) => {
    expect(readDateline(text)).toEqual(expected);
  });

  it.each([
    ['an ordinary sentence', 'Officials said - in a statement - that rates hold.'],
    ['a label, not a place', 'BREAKING: rates held steady.'],
    ['a two-letter acronym', 'AI - the technology - is everywhere.'],
    ['capitals with no separator after them', 'NASA launched a probe on Tuesday.'],
    ['empty text', ''],
  ])('finds none in %s', (_, text) => {
    expect(readDateline(text)).toBeUndefined();
  });
});
