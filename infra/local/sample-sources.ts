import { createHash } from 'node:crypto';
import type { ResolvedSource } from '../../functions/core/daybreak-config';
import { closeServer, serveLocal } from './http';
import { SAMPLE_IMAGE, sampleImage } from './sample-images';

/**
 * Sample sources for the local stack, written for Daybreak (no real outlet's text): an RSS 2.0 feed,
 * an Atom feed and an article page with a ranked "Trending" list, all dated relative to now so a
 * fresh clone always has today's digest. Each story has a picture, served by the same server (the
 * RSS feed as media:content or an enclosure, the Atom feed as media:content, the page as og:image),
 * so a fresh clone's digest shows its lead image and thumbnails.
 */

interface SampleStory {
  slug: string;
  headline: string;
  summary: string;
  hoursAgo: number;
  category: string;
}

const WORLD: SampleStory[] = [
  {
    slug: 'harbour-bridge-reopens',
    headline: 'Harbour bridge reopens after two-year rebuild',
    summary: 'Commuters crossed the rebuilt span at dawn, ahead of the morning rush.',
    hoursAgo: 1,
    category: 'world',
  },
  {
    slug: 'grain-deal-extended',
    headline: 'Coastal states extend grain corridor deal by a year',
    summary: 'Shipping insurers welcomed the extension, which keeps three ports open.',
    hoursAgo: 2,
    category: 'world',
  },
  {
    slug: 'rail-strike-called-off',
    headline: 'Rail strike called off after overnight talks',
    summary: 'Unions and operators agreed on a pay framework shortly before 4 a.m.',
    hoursAgo: 3,
    category: 'world',
  },
  {
    slug: 'river-levels-fall',
    headline: 'River levels fall as flood warnings are lifted upstream',
    summary: 'Residents began returning home in the valley towns.',
    hoursAgo: 4,
    category: 'world',
  },
  {
    slug: 'museum-returns-artefacts',
    headline: 'National museum returns 40 artefacts to their home region',
    summary: 'The handover ends a claim that began in the 1970s.',
    hoursAgo: 5,
    category: 'culture',
  },
  {
    slug: 'vaccine-trial-results',
    headline: 'Malaria vaccine trial reports strong results in children',
    summary: 'Researchers said protection held for at least 18 months.',
    hoursAgo: 6,
    category: 'health',
  },
];

const TECH: SampleStory[] = [
  {
    slug: 'chip-plant-approved',
    headline: 'Regulators approve new chip plant on the northern coast',
    summary: 'The plant is expected to employ 3,000 people by 2029.',
    hoursAgo: 1,
    category: 'technology',
  },
  {
    slug: 'grain-corridor-shipping',
    headline: 'Coastal states extend grain corridor deal by a year',
    summary: 'Freight rates eased within hours of the announcement.',
    hoursAgo: 2,
    category: 'business',
  },
  {
    slug: 'open-source-grant',
    headline: 'Open-source maintainers get a public fund of their own',
    summary: 'The first grants go to projects that keep the internet running.',
    hoursAgo: 3,
    category: 'technology',
  },
  {
    slug: 'satellite-launch',
    headline: 'Weather satellite reaches orbit on second attempt',
    summary: 'Forecasters expect sharper storm warnings from next spring.',
    hoursAgo: 5,
    category: 'science',
  },
];

const TRENDING = [
  { slug: 'harbour-bridge-reopens', headline: 'Harbour bridge reopens after two-year rebuild', region: 'Global' },
  { slug: 'chip-plant-approved', headline: 'Regulators approve new chip plant on the northern coast', region: 'Asia' },
  { slug: 'festival-lineup', headline: 'Summer festival announces its headliners', region: 'Europe' },
  { slug: 'grain-deal-extended', headline: 'Coastal states extend grain corridor deal by a year', region: 'Global' },
  { slug: 'cycling-record', headline: 'Cyclist breaks the hour record at altitude', region: 'Europe' },
];

/**
 * Where the sample stories say they live: a reserved example domain, so their identities (canonical
 * URLs) stay the same from one start of the local stack to the next, whatever port it serves on.
 */
export const SAMPLE_SITE = 'https://daybreak.example';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where a sample story's picture is served: `images` is the sample server's own URL. */
const imageUrl = (images: string, slug: string) => `${images}/images/${slug}.png`;
const { width: W, height: H } = SAMPLE_IMAGE;

/** The RSS item's picture: Media RSS with its size, or (as older feeds do) an enclosure, which has none. */
function rssPicture(images: string, slug: string, index: number): string {
  return index % 3 === 2
    ? `<enclosure url="${imageUrl(images, slug)}" type="image/png" length="0"/>`
    : `<media:content url="${imageUrl(images, slug)}" medium="image" type="image/png" width="${W}" height="${H}"/>`;
}

export function rssFeed(now: Date, images: string): string {
  const base = SAMPLE_SITE;
  const items = WORLD.map(
    (s, i) => `    <item>
      <title>${escapeXml(s.headline)}</title>
      <link>${base}/world/${s.slug}?utm_source=rss&amp;utm_medium=feed</link>
      <guid isPermaLink="false">world-${s.slug}</guid>
      <description><![CDATA[<p>${s.summary}</p>]]></description>
      <category>${s.category}</category>
      ${rssPicture(images, s.slug, i)}
      <pubDate>${new Date(now.getTime() - s.hoursAgo * 3600000).toUTCString()}</pubDate>
    </item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Daybreak Sample World Desk</title>
    <link>${base}/world</link>
    <description>Sample world news for the local stack</description>
${items}
  </channel>
</rss>
`;
}

export function atomFeed(now: Date, images: string): string {
  const base = SAMPLE_SITE;
  const entries = TECH.map((s) => {
    const at = new Date(now.getTime() - s.hoursAgo * 3600000).toISOString();
    return `  <entry>
    <title type="html">${escapeXml(escapeXml(s.headline))}</title>
    <link rel="alternate" href="tech/${s.slug}"/>
    <id>urn:daybreak:tech:${s.slug}</id>
    <published>${at}</published>
    <updated>${at}</updated>
    <author><name>Sample Tech Desk</name></author>
    <summary>${escapeXml(s.summary)}</summary>
    <media:content url="${imageUrl(images, s.slug)}" medium="image" type="image/png" width="${W}" height="${H}"/>
  </entry>`;
  }).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:base="${base}/">
  <title>Daybreak Sample Tech Desk</title>
  <id>urn:daybreak:tech</id>
  <updated>${now.toISOString()}</updated>
${entries}
</feed>
`;
}

export function articlePage(now: Date, images: string): string {
  const base = SAMPLE_SITE;
  const created = new Date(now.getTime() - 2 * 3600000);
  const updated = new Date(now.getTime() - 1 * 3600000);
  const trending = TRENDING.map(
    (t, i) =>
      `        <li><span class="rank">${i + 1}</span><a href="/world/${t.slug}">${escapeXml(t.headline)}</a><span class="region">${t.region}</span></li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Lighthouse keepers return to the northern isles | Daybreak Sample Wire</title>
  <link rel="canonical" href="${base}/world/lighthouse-keepers-return">
  <meta property="og:title" content="Lighthouse keepers return to the northern isles">
  <meta property="og:description" content="A pilot scheme brings crews back to three automated lighthouses.">
  <meta property="og:image" content="${imageUrl(images, 'lighthouse-keepers-return')}">
  <meta property="og:image:width" content="${W}">
  <meta property="og:image:height" content="${H}">
  <meta property="og:image:alt" content="A drawn lighthouse coast: hills above still water at sunrise">
  <script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Lighthouse keepers return to the northern isles',
    description: 'A pilot scheme brings crews back to three automated lighthouses.',
    datePublished: created.toISOString(),
    dateModified: updated.toISOString(),
    author: { '@type': 'Organization', name: 'Daybreak Sample Wire' },
  })}</script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Lighthouse keepers return to the northern isles</h1>
    <p class="teaser">A pilot scheme brings crews back to three automated lighthouses.</p>
    <p class="byline">Sample Wire | Lerwick | Updated: ${updated.toISOString()} | Created: ${created.toISOString()}</p>
    <figure><img src="/images/lighthouse-keepers-return.png" width="${W}" height="${H}" alt="A drawn lighthouse coast: hills above still water at sunrise"><figcaption>Image Credit: Sample Wire</figcaption></figure>
    <p>Three lighthouses that have run unattended since the 1990s will have resident crews again from the spring.</p>
    <p>The keepers will maintain the lights and record weather observations for the national service.</p>
  </article>
  <aside class="trending-box">
    <h2>Trending</h2>
    <ol>
${trending}
    </ol>
  </aside>
</body>
</html>
`;
}

export interface SampleSources {
  url: string;
  sources: ResolvedSource[];
  close(): Promise<void>;
}

/** Serves the samples on 127.0.0.1 and returns the source list that points at them. */
export async function startSampleSources(clock: () => Date = () => new Date()): Promise<SampleSources> {
  let base = '';
  // Dated from the hour the stack started, so the samples stay unchanged while it runs (and a
  // conditional GET gets its 304) yet are always today's.
  const anchor = new Date(Math.floor(clock().getTime() / 3600000) * 3600000);
  const routes: Record<string, [string, (now: Date, images: string) => string]> = {
    '/feeds/world.rss': ['application/rss+xml; charset=utf-8', rssFeed],
    '/feeds/tech.atom': ['application/atom+xml; charset=utf-8', atomFeed],
    '/world/lighthouse-keepers-return': ['text/html; charset=utf-8', articlePage],
  };
  const pictures = new Map<string, Buffer>();
  const drawn = (slug: string) => {
    const picture = pictures.get(slug) ?? sampleImage(slug);
    pictures.set(slug, picture);
    return picture;
  };
  const { url, server } = await serveLocal((request, response) => {
    const pathname = new URL(request.url ?? '/', base).pathname;
    const picture = /^\/images\/([a-z0-9-]+)\.png$/.exec(pathname);
    if (picture) {
      // Long-lived: the same slug always draws the same picture.
      response
        .writeHead(200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' })
        .end(drawn(picture[1] as string));
      return;
    }
    const route = routes[pathname];
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = route[1](anchor, base);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': route[0], etag }).end(body);
  });
  base = url;
  const common = { timezone: 'UTC', weight: 1, edition: 'global', region: 'Global' } as const;
  return {
    url,
    sources: [
      { ...common, name: 'Sample World Desk', url: `${url}/feeds/world.rss`, kind: 'feed', category: 'world' },
      { ...common, name: 'Sample Tech Desk', url: `${url}/feeds/tech.atom`, kind: 'feed', category: 'technology' },
      {
        ...common,
        name: 'Sample Wire',
        url: `${url}/world/lighthouse-keepers-return`,
        kind: 'article',
        category: 'world',
        weight: 1.2,
      },
    ],
    close: () => closeServer(server),
  };
}
