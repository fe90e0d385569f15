import { extractPage } from '../../../functions/collect/extract-page';
import { fixture } from '../../helpers/fixtures';

describe('extractPage', () => {
  const page = extractPage(
    fixture('pages/article-with-trending.html'),
    'https://wire.example.com/world/port-deal?ref=home',
  );

  it('prefers JSON-LD NewsArticle metadata (inside @graph) over OpenGraph', () => {
    expect(page.headline).toBe('Port authority signs deal on clean shipping');
    expect(page.summary).toBe('Ships calling at the port must cut emissions by 2030.');
    expect(page.byline).toBe('Example Wire');
    expect(page.publishedAt).toBe('2026-11-26T05:42:00.000Z');
    expect(page.updatedAt).toBe('2026-11-26T06:30:00.000Z');
  });

  it('uses the canonical link without tracking parameters as the URL, and resolves the image against it', () => {
    expect(page.url).toBe('https://wire.example.com/world/port-deal');
    expect(page.image).toBe('https://wire.example.com/images/port.jpg');
  });

  it('reads the ranked trending list with region labels, dropping non-http links', () => {
    expect(page.trending).toEqual([
      {
        rank: 1,
        headline: 'Health roundup: clinics extend hours',
        url: 'https://wire.example.com/health/roundup',
        region: 'Global',
      },
      {
        rank: 2,
        headline: 'Sovereign fund in talks for retail stake',
        url: 'https://wire.example.com/business/fund-stake',
        region: 'India',
      },
    ]);
  });

  it('finds no trending list on a page without one', () => {
    expect(extractPage('<html><body><h1>Just a story</h1></body></html>', 'https://x.example/a').trending).toEqual([]);
  });
});

describe('extractPage on a wire story page (OpenGraph only, dates from the byline line)', () => {
  const page = extractPage(
    fixture('pages/wire-article.html'),
    'https://harbour-daily.example/transport/lisbon-night-trams?ref=rss',
    { timezone: 'Europe/Lisbon' },
  );

  it('reads headline, teaser, agency, dateline and the byline dates in the source’s zone', () => {
    expect(page).toMatchObject({
      headline: 'Lisbon tram network adds night service on three lines',
      summary: 'Trams will run until 2 a.m. on weekends from December, the operator said.',
      source: 'AgencyX',
      location: 'Lisbon',
      byline: 'AgencyX',
      publishedAt: '2026-11-26T11:12:00Z',
      updatedAt: '2026-11-26T12:00:00Z',
    });
  });

  it('uses the canonical link without its tracking parameters, and resolves the image against it', () => {
    expect(page.url).toBe('https://harbour-daily.example/transport/lisbon-night-trams');
    expect(page.image).toBe('https://harbour-daily.example/media/2026/11/tram-night.jpg');
  });

  it('reads the image credit and the country tags', () => {
    expect(page.imageCredit).toBe('Marta Ribeiro');
    expect(page.countries).toEqual(['Portugal']);
  });

  it('gives the story as paragraphs, without menus, share bar, ads, related links, "Also read" or the disclaimer', () => {
    const paragraphs = page.body.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^Lisbon's tram operator will keep three of its lines running/);
    expect(paragraphs[3]).toMatch(/Ticket prices will not change, the operator said\.$/);
    for (const noise of [
      'Left Menu',
      'Share',
      'Advertisement',
      'Buy one ticket',
      'Ferry timetable',
      'Also read',
      'has not been edited',
      'TRENDING',
      'Science roundup',
      'Country:',
      'Image Credit',
      'Copyright',
      'Trams will run until 2 a.m.',
    ]) {
      expect(page.body).not.toContain(noise);
    }
  });

  it('reads the ranked trending list: truncated repeats folded, javascript: entry dropped, a region for each', () => {
    expect(page.trending).toEqual([
      {
        rank: 1,
        headline:
          'Science roundup: survey finds Alpine glaciers lost a tenth of their ice in two summers; new sensors to track meltwater',
        url: 'https://harbour-daily.example/science/glacier-survey',
        region: 'Global',
      },
      {
        rank: 2,
        headline: 'Spice exporters form a joint shipping venture in Kochi',
        url: 'https://harbour-daily.example/business/spice-exporters',
        region: 'India',
      },
      {
        rank: 3,
        headline: 'Two universities open a shared quantum computing lab for students and startups',
        url: 'https://other.example/tech/quantum-lab',
        region: 'Europe',
      },
    ]);
  });
});

describe('extractPage on an IST page without metadata', () => {
  const html = fixture('pages/ist-article.html');
  const url = 'https://coastline.example/india/monsoon-forecast';

  it('reads "14-05-2026 17:05 IST" in Asia/Kolkata as +05:30', () => {
    const page = extractPage(html, url, { timezone: 'Asia/Kolkata' });
    expect(page.publishedAt).toBe('2026-05-14T17:05:00+05:30');
    expect(page.updatedAt).toBe('2026-05-14T18:45:00+05:30');
  });

  it('reads IST as Ireland’s on a Dublin source, and as India’s when the source’s zone is not given or unknown', () => {
    expect(extractPage(html, url, { timezone: 'Europe/Dublin' }).publishedAt).toBe('2026-05-14T17:05:00+01:00');
    expect(extractPage(html, url).publishedAt).toBe('2026-05-14T17:05:00+05:30');
    expect(extractPage(html, url, { timezone: 'Mars/Olympus' }).publishedAt).toBe('2026-05-14T17:05:00+05:30');
  });

  it('reads what the page only shows: headline, unmarked teaser, byline parts, credited image, countries, story, trending', () => {
    const page = extractPage(html, url, { timezone: 'Asia/Kolkata' });
    expect(page).toMatchObject({
      headline: 'Monsoon forecast: weather office expects a normal season for the southern states',
      summary: expect.stringMatching(/^Rainfall between June and September/),
      url,
      source: 'AgencyY',
      location: 'Chennai',
      image: 'https://cdn.coastline.example/img/clouds.jpg',
      imageCredit: 'AgencyY',
      countries: ['India', 'Sri Lanka'],
    });
    expect(page.body.split('\n\n')).toHaveLength(3);
    expect(page.body).not.toMatch(/Sponsored|has not been edited|Rainfall between June|Five habits/);
    expect(page.trending.map((item) => [item.rank, item.region, item.headline.endsWith('...')])).toEqual([
      [1, 'India', false],
      [2, 'Global', false],
      [3, 'Global', false],
    ]);
  });
});

describe('extractPage on pages with one kind of metadata', () => {
  it('reads an OpenGraph-only page: its own headline over the share title, og:url as canonical, meta dates in UTC, meta author, entities decoded', () => {
    const page = extractPage(fixture('pages/og-only.html'), 'https://northwind-post.example/travel/fjord-ferry');
    expect(page).toMatchObject({
      // The page's own <h1>, not the longer title it gives to share buttons.
      headline: 'Electric ferry starts crossing the fjord',
      summary: 'The battery-powered vessel replaces two diesel ferries.',
      url: 'https://northwind-post.example/travel/fjord-ferry',
      byline: 'Ingrid Solberg',
      publishedAt: '2026-11-25T07:30:00.000Z',
      updatedAt: '2026-11-25T08:15:00.000Z',
      image: 'https://northwind-post.example/img/ferry.jpg',
      countries: [],
      trending: [],
    });
    expect(page.body).not.toContain('newsletter');
    expect(page.body.split('\n\n')).toHaveLength(3);
  });

  it('reads a JSON-LD-only page, skipping a broken block: authors, agency, dateline, image credit', () => {
    const page = extractPage(fixture('pages/json-ld-only.html'), 'https://andes-news.example/science/seed-vault');
    expect(page).toMatchObject({
      headline: 'Seed bank opens a vault for rare mountain wheat',
      summary: 'Samples from 40 valleys will be kept at minus 18 degrees.',
      byline: 'Lucía Paredes, Tomas Reyes',
      source: 'AgencyZ',
      location: 'Quito',
      publishedAt: '2026-11-24T12:00:00.000Z',
      updatedAt: '2026-11-24T15:30:00.000Z',
      image: 'https://img.andes-news.example/seed-vault.jpg',
      imageCredit: 'Ana Vera',
    });
    expect(page.body).toMatch(/^A national seed bank opened a vault on Monday/);
  });

  it('prefers JSON-LD dates to the byline line’s', () => {
    const html = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2026-01-02T03:04:05Z"}</script>
      <p>PTI | Seoul | Created: 27-07-2023 11:12 IST | Updated: 28-07-2023 09:00 IST</p>`;
    const page = extractPage(html, 'https://x.example/a', { timezone: 'Asia/Kolkata' });
    expect(page.publishedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(page.updatedAt).toBe('2023-07-28T09:00:00+05:30');
  });

  it('falls back to the JSON-LD articleBody when the page shows no story', () => {
    const html =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","articleBody":"One.\\n\\nTwo."}</script>';
    expect(extractPage(html, 'https://x.example/a').body).toBe('One.\n\nTwo.');
  });
});

describe('extractPage on a section page', () => {
  const page = extractPage(fixture('pages/section-trending.html'), 'https://meridian-wire.example/trending?page=1');

  it('reads the trending list in printed rank order, with region links, folding the repeated entry', () => {
    expect(page.trending).toEqual([
      {
        rank: 1,
        headline: 'Coastal towns open typhoon shelters ahead of the storm',
        url: 'https://meridian-wire.example/asia/typhoon-shelters',
        region: 'Asia',
      },
      {
        rank: 2,
        headline: "Rail unions call off next week's strike after a late offer",
        url: 'https://meridian-wire.example/europe/rail-strike',
        region: 'Europe',
      },
      {
        rank: 3,
        headline: 'Malaria vaccine trial reports strong results in children',
        url: 'https://meridian-wire.example/global/vaccine-trial',
        region: 'Global',
      },
      {
        rank: 4,
        headline: 'State launches a fund for rural startups',
        url: 'https://meridian-wire.example/india/startup-fund',
        region: 'India',
      },
    ]);
  });

  it('has no story body of its own', () => {
    expect(page.body).toBe('');
    expect(page.url).toBe('https://meridian-wire.example/trending');
  });
});

describe('extractPage URLs and hostile markup', () => {
  it('resolves relative links against <base href>, and keeps only http(s) URLs', () => {
    const html = `<html><head><base href="https://cdn.example/news/"><link rel="canonical" href="javascript:alert(1)">
      <meta property="og:image" content="javascript:alert(1)"></head>
      <body><h1>Headline</h1><figure><img src="pics/a.jpg"></figure>
      <h3>Trending</h3><ul><li><a href="story-1">Relative story link</a></li><li><a href="vbscript:x">Hostile link</a></li></ul></body></html>`;
    const page = extractPage(html, 'https://site.example/page');
    expect(page.url).toBe('https://site.example/page');
    expect(page.image).toBe('https://cdn.example/news/pics/a.jpg');
    expect(page.trending.map((item) => item.url)).toEqual(['https://cdn.example/news/story-1']);
  });

  it('turns markup in a headline into plain text, escaped or not', () => {
    expect(
      extractPage('<h1>&lt;script&gt;alert(1)&lt;/script&gt;<b>Bold</b> move &amp; more</h1>', 'https://x.example/')
        .headline,
    ).toBe('Bold move & more');
    expect(
      extractPage(
        '<meta property="og:title" content="&lt;img src=x onerror=alert(1)&gt;Safe title">',
        'https://x.example/',
      ).headline,
    ).toBe('Safe title');
  });

  it('falls back to the next source when a headline is only markup', () => {
    const html =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"<b></b>"}</script><meta property="og:title" content="Real headline">';
    expect(extractPage(html, 'https://x.example/').headline).toBe('Real headline');
  });

  it('returns what it can for a page URL that is not one', () => {
    const page = extractPage(
      '<h1>Hi</h1><h3>Trending</h3><ul><li><a href="/a">Relative only</a></li></ul>',
      'not a url',
    );
    expect(page).toMatchObject({ headline: 'Hi', url: 'not a url', trending: [] });
  });
});

describe('extractPage dates from microdata', () => {
  it('reads <time itemprop="datePublished" datetime> when there is no JSON-LD or meta date', () => {
    const html =
      '<h1>H</h1><time itemprop="datePublished" datetime="2026-03-01T09:00:00+01:00">1 March</time><time itemprop="dateModified" datetime="2026-03-01T10:00:00">later</time>';
    const page = extractPage(html, 'https://x.example/a', { timezone: 'Europe/Paris' });
    expect(page.publishedAt).toBe('2026-03-01T08:00:00.000Z');
    expect(page.updatedAt).toBe('2026-03-01T09:00:00.000Z');
  });
});

describe('extractPage on a wire story whose dateline is in its text', () => {
  const page = extractPage(
    fixture('pages/wire-story.html'),
    'https://harbour-daily.example/world/rail-link-survey?utm_source=x',
  );

  it('gives the headline without the site name the og:title carries', () => {
    expect(page.headline).toBe('Rail link between the two Koreas to be surveyed');
  });

  it('reads the dateline at the start of the story: the place, and the agency in brackets', () => {
    expect(page).toMatchObject({ location: 'Seoul', source: 'Reuters' });
    expect(page.body).toMatch(/^SEOUL \(Reuters\) - Engineers/);
  });
});
