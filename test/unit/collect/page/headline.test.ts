import { withoutSiteName } from '../../../../functions/collect/page/headline';

describe('withoutSiteName', () => {
  it.each([
    [
      'the og:site_name after a pipe',
      'Rates held steady | Harbour Daily',
      { siteName: 'Harbour Daily' },
      'Rates held steady',
    ],
    [
      'the og:site_name after a dash',
      'Rates held steady - Harbour Daily',
      { siteName: 'harbour daily' },
      'Rates held steady',
    ],
    [
      'the og:site_name before the headline',
      'Harbour Daily | Rates held steady',
      { siteName: 'Harbour Daily' },
      'Rates held steady',
    ],
    [
      'a name that is the host',
      'Rates held steady — Harbour Daily',
      { host: 'www.harbour-daily.example' },
      'Rates held steady',
    ],
    [
      'whatever follows the visible headline',
      'Rates held steady | Business | HD',
      { visibleHeadline: 'Rates held steady | Business' },
      'Rates held steady | Business',
    ],
    [
      'a section and masthead, when the h1 is the rest',
      'Rates held steady - Markets',
      { visibleHeadline: 'Rates held steady' },
      'Rates held steady',
    ],
    [
      'a short name after a pipe when the page names no site',
      'Lighthouse keeper retires after 40 years | Coastline Herald',
      { host: 'news.example' },
      'Lighthouse keeper retires after 40 years',
    ],
    [
      'a short name before a pipe when the page names no site',
      'Coastline Herald | Lighthouse keeper retires after 40 years',
      {},
      'Lighthouse keeper retires after 40 years',
    ],
  ])('cuts %s', (_, title, clues, expected) => {
    expect(withoutSiteName(title, clues)).toBe(expected);
  });

  it.each([
    [
      'a headline with a dash in it',
      'Seoul - Busan rail line reopens',
      { siteName: 'Harbour Daily', host: 'harbour-daily.example' },
    ],
    ['a colon headline', 'Exclusive: rates held steady', { siteName: 'Harbour Daily' }],
    ['a title without a separator', 'Rates held steady', { siteName: 'Harbour Daily' }],
    [
      'a tail that is not the site',
      'Rates held steady | Markets',
      { siteName: 'Harbour Daily', host: 'harbour-daily.example' },
    ],
    ['a dash tail when the page names no site', 'Storm reaches the coast - live updates', {}],
    ['a pipe title too short to be a headline without its tail', 'Markets | Harbour Daily', {}],
  ])('keeps %s whole', (_, title, clues) => {
    expect(withoutSiteName(title, clues)).toBe(title);
  });
});
