import { parseByline, readByline } from '../../../../functions/collect/page/byline';
import { parseDocument } from '../../../../functions/collect/page/dom';

describe('parseByline', () => {
  it('reads agency, dateline and both dates of the issue’s byline, IST as +05:30 in Asia/Kolkata', () => {
    expect(
      parseByline('PTI | Seoul | Updated: 27-07-2023 12:00 IST | Created: 27-07-2023 11:12 IST', 'Asia/Kolkata'),
    ).toEqual({
      source: 'PTI',
      location: 'Seoul',
      updatedAt: '2023-07-27T12:00:00+05:30',
      createdAt: '2023-07-27T11:12:00+05:30',
    });
  });

  it('reads WET in Europe/Lisbon', () => {
    expect(
      parseByline('AgencyX | Lisbon | Updated: 26-11-2026 12:00 WET | Created: 26-11-2026 11:12 WET', 'Europe/Lisbon'),
    ).toMatchObject({
      source: 'AgencyX',
      location: 'Lisbon',
      createdAt: '2026-11-26T11:12:00Z',
      updatedAt: '2026-11-26T12:00:00Z',
    });
  });

  it('splits a label from the text before it even without a pipe, and reads "By" as the author', () => {
    expect(parseByline('By Jane Doe Published: July 27, 2023 11:12 AM IST', 'Asia/Kolkata')).toEqual({
      author: 'Jane Doe',
      createdAt: '2023-07-27T11:12:00+05:30',
    });
  });

  it('takes an unlabelled date as the creation date, and ignores what it cannot place', () => {
    expect(parseByline('Reuters | July 27, 2023 11:12 GMT | 42')).toEqual({
      source: 'Reuters',
      createdAt: '2023-07-27T11:12:00Z',
    });
  });

  it('leaves out a date it cannot read rather than guessing', () => {
    expect(parseByline('PTI | Updated: sometime last week')).toEqual({ source: 'PTI' });
  });
});

describe('readByline', () => {
  it('finds the byline line among the headline and the story, and keeps separate spans apart', () => {
    const document = parseDocument(`<main><h1>Headline</h1><p>A teaser long enough to be one.</p>
      <div><span>AgencyY</span> | <span>Chennai</span> | <span>Updated: 14-05-2026 18:45 IST</span></div><p>Story.</p></main>`);
    const { element, byline } = readByline(document, 'Asia/Kolkata');
    expect(element?.tagName).toBe('DIV');
    expect(byline).toEqual({ source: 'AgencyY', location: 'Chennai', updatedAt: '2026-05-14T18:45:00+05:30' });
  });

  it('puts a pipe between parts that are only separated by markup', () => {
    const document = parseDocument(
      '<div class="meta"><span>AgencyY</span><span>Chennai</span><span>Created: 14-05-2026 17:05 IST</span></div>',
    );
    expect(readByline(document, 'Asia/Kolkata').byline).toEqual({
      source: 'AgencyY',
      location: 'Chennai',
      createdAt: '2026-05-14T17:05:00+05:30',
    });
  });

  it('prefers the element the page calls its byline over a date elsewhere on the page', () => {
    const document = parseDocument(`<ul><li>Comment posted: 01-01-2020 10:00</li></ul>
      <p class="article-byline">AgencyX | Lisbon | Updated: 26-11-2026 12:00 WET</p>`);
    expect(readByline(document, 'Europe/Lisbon').byline).toMatchObject({
      source: 'AgencyX',
      updatedAt: '2026-11-26T12:00:00Z',
    });
  });

  it('finds nothing on a page without one', () => {
    expect(readByline(parseDocument('<p>Just a story.</p>'))).toEqual({ byline: {} });
  });
});
