import { findCountries } from '../../../../functions/collect/page/countries';
import { parseDocument } from '../../../../functions/collect/page/dom';

const countriesOf = (html: string) => findCountries(parseDocument(html)).countries;

describe('findCountries', () => {
  it('reads a tag list that starts with its label ("• Country: • South Korea")', () => {
    expect(
      countriesOf('<ul class="tags"><li>Country:</li><li><a href="/t/kr">South Korea</a></li></ul><p>Story.</p>'),
    ).toEqual(['South Korea']);
  });

  it('reads a list that follows its label', () => {
    expect(
      countriesOf('<div><span>Countries:</span><ul><li>India</li><li><a href="/c/lk">Sri Lanka</a></li></ul></div>'),
    ).toEqual(['India', 'Sri Lanka']);
  });

  it('reads an inline list', () => {
    expect(countriesOf('<p>Countries: Japan, South Korea; Japan</p>')).toEqual(['Japan', 'South Korea']);
  });

  it('stops where the tag box ends and prose begins', () => {
    const long =
      'The ministers met for three days and agreed on a joint statement about fishing rights in the shared waters.';
    expect(
      countriesOf(`<article><p>Country:</p><ul><li>Norway</li></ul><p>${long}</p><p>Topics:</p></article>`),
    ).toEqual(['Norway']);
  });

  it('does not read "Country music ..." as a label', () => {
    expect(countriesOf('<p>Country music fans gathered in the square.</p>')).toEqual([]);
  });

  it('gives the elements of a small tag box so the body can leave them out', () => {
    const document = parseDocument('<div class="box"><ul><li>Country:</li><li>Chile</li></ul></div>');
    expect(findCountries(document).elements.map((element) => element.tagName)).toEqual(['UL']);
  });
});

describe('findCountries, in a story', () => {
  it('leaves the story around the tag list alone', () => {
    const document = parseDocument(
      '<article><p>Country:</p><ul><li>Norway</li></ul><p>The ministers met for three days.</p></article>',
    );
    expect(findCountries(document).elements.map((element) => element.tagName)).toEqual(['P', 'UL']);
  });
});
