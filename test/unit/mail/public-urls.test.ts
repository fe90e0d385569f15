import { publicUrls, sitePaths } from '../../../functions/mail/public-urls';

describe('publicUrls', () => {
  const urls = publicUrls('https://news.example.com/');

  it('builds every link of an email under the public URL, with no doubled slash', () => {
    expect(urls.confirm('a.b')).toBe('https://news.example.com/confirm?token=a.b');
    expect(urls.unsubscribe('a.b')).toBe('https://news.example.com/unsubscribe?token=a.b');
    expect(urls.preferences('a.b')).toBe('https://news.example.com/preferences?token=a.b');
    expect(urls.archivePage('2026-11-26', 'global')).toBe('https://news.example.com/archive/2026-11-26/global');
    expect(urls.archiveIndex()).toBe('https://news.example.com/archive');
    expect(urls.form()).toBe('https://news.example.com/');
  });

  it('gives the pages without a token for previews', () => {
    expect(urls.unsubscribe()).toBe('https://news.example.com/unsubscribe');
    expect(urls.preferences()).toBe('https://news.example.com/preferences');
  });

  it('keeps every part a single path segment or query value', () => {
    expect(urls.unsubscribe('a&b=c')).toBe('https://news.example.com/unsubscribe?token=a%26b%3Dc');
    expect(urls.click('2026-11-26.global', 'x/../y')).toBe('https://news.example.com/c/2026-11-26.global/x%2F..%2Fy');
  });

  it('builds links within the site as paths', () => {
    expect(sitePaths.form()).toBe('/');
    expect(sitePaths.archivePage('2026-11-26', 'global')).toBe('/archive/2026-11-26/global');
    expect(sitePaths.preferences('t')).toBe('/preferences?token=t');
  });
});
