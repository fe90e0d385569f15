import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { articleId } from '../functions/collect/normalize';
import { parseFeed } from '../functions/collect/parse-feed';
import { summarize } from '../functions/collect/text/summary';
import { loadConfigFile } from '../functions/core/load-config-file';
import { type Article, ArticleSchema, type TrendingItem } from '../functions/core/model';
import { dateIn } from '../functions/core/dates';
import { rankEdition, renderEdition } from '../functions/digest/digest';
import { identityOf } from '../functions/mail/identity';
import { personalize } from '../functions/mail/personalize';
import { publicUrls } from '../functions/mail/public-urls';
import { sampleImage } from '../infra/local/sample-images';
import { launchChromium } from './chromium';

/**
 * Screenshots of a digest built from real-shaped feeds (the shared corpora, read in place when they
 * are there, else the test fixtures): 375 px (a phone) and 1200 px wide, light and dark, with
 * images shown and blocked. No network: each picture the email asks for is answered with a drawn
 * one of its own (infra/local/sample-images), or refused when images are blocked.
 * Usage: npm run screenshots (not part of npm test).
 */

const ROOT = path.resolve(__dirname, '..');
const CORPORA = path.resolve(ROOT, '../shared/corpora');

/** Real news feeds of four desks, each as its own source. */
const CORPUS_FEEDS = [
  { file: 'rss-parser/guardian.rss', source: 'The Guardian', category: 'world' },
  { file: 'node-feedparser/tpm.atom', source: 'Talking Points Memo', category: 'politics' },
  { file: 'feedjira/TechCrunch.xml', source: 'TechCrunch', category: 'technology' },
  { file: 'node-feedparser/wapowellness.xml', source: 'The Washington Post', category: 'health' },
];
const FIXTURE_FEEDS = [
  { file: 'rss2.xml', source: 'Example Gazette', category: 'world' },
  { file: 'atom.xml', source: 'Example Atom Desk', category: 'technology' },
  { file: 'feed.json', source: 'Example JSON Desk', category: 'news' },
  { file: 'rdf.xml', source: 'Example RDF Desk', category: 'science' },
];
const PER_FEED = 7;

/** Today's articles from the feeds, re-dated into the last hours (the corpora are years old). */
function readArticles(now: Date): { articles: Article[]; trending: TrendingItem[]; from: string } {
  const useCorpora = CORPUS_FEEDS.every((feed) => existsSync(path.join(CORPORA, feed.file)));
  const feeds = useCorpora
    ? CORPUS_FEEDS.map((feed) => ({ ...feed, file: path.join(CORPORA, feed.file) }))
    : FIXTURE_FEEDS.map((feed) => ({ ...feed, file: path.join(ROOT, 'test/fixtures/feeds', feed.file) }));
  const articles: Article[] = [];
  const trending: TrendingItem[] = [];
  feeds.forEach((feed, f) => {
    const { items } = parseFeed(readFileSync(feed.file, 'utf8'), `https://${feed.category}.feeds.example/`);
    items.slice(0, PER_FEED + 3).forEach((item, i) => {
      const article = ArticleSchema.safeParse({
        ...item,
        summary: summarize(item.summary),
        id: articleId(item.url),
        source: feed.source,
        category: feed.category,
        weight: f === 0 ? 1.2 : 1,
        publishedAt: new Date(now.getTime() - (i * 47 + f * 13 + 5) * 60000).toISOString(),
      });
      if (!article.success) return;
      // Each desk's lead is on the trending list too (the email marks it instead of repeating it);
      // the items after the digest's share stand for what readers elsewhere click on.
      if (i < PER_FEED) articles.push(article.data);
      if (i === 0 || i >= PER_FEED)
        trending.push({
          rank: trending.length + 1,
          headline: item.headline,
          url: article.data.url,
          region: 'Global',
          source: feed.source,
        });
    });
  });
  return { articles, trending, from: useCorpora ? CORPORA : 'test/fixtures/feeds' };
}

async function digestHtml(): Promise<{ html: string; from: string }> {
  const config = loadConfigFile(path.join(ROOT, 'config/daybreak.json'));
  const edition = config.editions[0];
  if (!edition) throw new Error('config/daybreak.json has no edition');
  const now = new Date();
  const day = dateIn(edition.timezone, now);
  const { articles, trending, from } = readArticles(now);
  const ranked = rankEdition(edition, articles, trending, now);
  const rendered = await renderEdition(edition, day, ranked, trending, {
    publicUrl: config.publicUrl,
    identity: identityOf(config),
    now,
  });
  const urls = publicUrls(config.publicUrl);
  const { html } = personalize(rendered, { unsubscribeUrl: urls.unsubscribe(), preferencesUrl: urls.preferences() });
  return { html, from };
}

/** How much of the email each shot keeps: the header, the lead, the top stories and the start of the sections. */
const CLIP_HEIGHT = { 375: 2400, 1200: 1500 } as const;

async function main(): Promise<void> {
  const { html, from } = await digestHtml();
  process.stderr.write(`screenshots: a digest of ${Buffer.byteLength(html)} bytes from ${from}\n`);
  // The earlier names, replaced by the ones below.
  for (const old of ['digest-375.png', 'digest-375-dark.png', 'digest-1200.png'])
    rmSync(path.join(ROOT, 'docs', old), { force: true });
  const browser = await launchChromium();
  try {
    for (const width of [375, 1200] as const)
      for (const scheme of ['light', 'dark'] as const)
        for (const images of ['images', 'blocked'] as const) {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
          // Offline: pictures get drawn stand-ins (or nothing, when blocked); nothing else leaves the page.
          await context.route('**/*', (route) =>
            images === 'images' && route.request().resourceType() === 'image'
              ? route.fulfill({ contentType: 'image/png', body: sampleImage(new URL(route.request().url()).pathname) })
              : route.abort(),
          );
          const page = await context.newPage();
          await page.setContent(html, { waitUntil: 'load' });
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const file = path.join(
            ROOT,
            'docs',
            `digest-${width}-${scheme}${images === 'blocked' ? '-images-blocked' : ''}.png`,
          );
          await page.screenshot({
            path: file,
            fullPage: true,
            clip: { x: 0, y: 0, width, height: Math.min(height, CLIP_HEIGHT[width]) },
          });
          process.stdout.write(`${file}\n`);
          await context.close();
        }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
