import { simpleParser } from 'mailparser';
import mjml2html from 'mjml';
import { digestView, renderDigest } from '../../../functions/digest/render';
import { digestText } from '../../../functions/mail/digest-view';
import { mjmlTemplate } from '../../../functions/mail/templates';
import { drawPersonalMarkers, personalize } from '../../../functions/mail/personalize';
import { stories } from '../../helpers/articles';
import type { TrendingEntry } from '../../../functions/core/model';

const trending: TrendingEntry[] = Array.from({ length: 10 }, (_, i) => ({
  rank: i + 1,
  headline: `Trending item ${i + 1} with a headline of ordinary length`,
  url: `https://trend.example.com/item-${i + 1}`,
  region: i % 2 ? 'India' : 'Global',
}));
const content = (count: number) => ({
  title: 'Daybreak',
  dateLabel: 'Thursday, 26 November 2026',
  archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
  stories: stories(count),
  trending,
});

type Rendered = Awaited<ReturnType<typeof renderDigest>>;

describe('renderDigest', () => {
  // MJML is the slow part: each rendering is made once and read by every test that asks about it.
  let full: Rendered;
  let overBudget: Rendered;
  beforeAll(async () => {
    [full, overBudget] = await Promise.all([
      renderDigest(content(25)),
      renderDigest(content(25), { budgetBytes: 20 * 1024 }),
    ]);
  });

  it('renders 25 stories and 10 trending items far under Gmail’s clipping limit', () => {
    const rendered = full;
    expect(rendered.storiesShown).toBe(25);
    expect(rendered.htmlBytes).toBeLessThan(60 * 1024);
    expect(rendered.html).toContain('Story number 25');
    expect(rendered.html).toContain('Trending item 10');
  });

  it('produces MJML that passes strict validation', async () => {
    const mjml = mjmlTemplate('digest')({ title: 'Daybreak', stories: [], trending: [] });
    await expect(mjml2html(mjml, { validationLevel: 'strict' })).resolves.toHaveProperty('html');
  });

  it('drops the lowest-ranked stories for a "more on the web" link when over the budget', () => {
    const rendered = overBudget;
    expect(rendered.htmlBytes).toBeLessThanOrEqual(20 * 1024);
    expect(rendered.storiesShown).toBeLessThan(25);
    expect(rendered.storiesShown).toBeGreaterThan(0);
    expect(rendered.html).toContain(`${25 - rendered.storiesShown} more stories on the web`);
    expect(rendered.html).toContain('Story number 1 ');
    expect(rendered.html).not.toContain('Story number 25 ');
  });

  it('marks where the per-recipient links go with markers of its own, filled by personalize', async () => {
    const rendered = await renderDigest(content(2));
    expect(rendered.html).toContain(rendered.personalMarkers.unsubscribeUrl);
    expect(rendered.text).toContain(rendered.personalMarkers.preferencesUrl);
    const personal = personalize(rendered, {
      unsubscribeUrl: 'https://news.example.com/unsubscribe?token=T',
      preferencesUrl: 'https://news.example.com/preferences?token=P',
    });
    expect(personal.html).not.toContain(rendered.personalMarkers.unsubscribeUrl);
    expect(personal.html).toContain('href="https://news.example.com/unsubscribe?token=T"');
    expect(personal.text).toContain('Unsubscribe: https://news.example.com/unsubscribe?token=T');
  });

  it('draws new markers for every render', async () => {
    const [a, b] = await Promise.all([renderDigest(content(1)), renderDigest(content(1))]);
    expect(a.personalMarkers.unsubscribeUrl).not.toBe(b.personalMarkers.unsubscribeUrl);
  });

  it('renders the archive page from the same view, with a visitor’s footer and no one’s links', () => {
    const rendered = overBudget;
    expect(rendered.page).toContain('Story number 1 ');
    expect(rendered.page).toContain(`${25 - rendered.storiesShown} more stories on the web`);
    expect(rendered.page).toContain(
      'Daybreak is a daily email digest of the news.<br /><a href="/">Subscribe</a> · <a href="/archive">Past editions</a>',
    );
    expect(rendered.page).not.toContain('Unsubscribe');
    expect(rendered.page).not.toContain(rendered.personalMarkers.unsubscribeUrl);
    expect(rendered.page).not.toContain(rendered.personalMarkers.preferencesUrl);
  });

  it('turns hostile titles, summaries and links from feeds into inert text', async () => {
    const hostile = stories(3, (i) => ({
      headline: [
        `<script>alert(${i})</script>`,
        '<img src=x onerror=alert(1)>',
        '<style>body{display:none}</style><iframe src="https://evil.example"></iframe>',
      ][i],
      summary: `%%UNSUBSCRIBE_URL%% <a href="javascript:alert(1)">x</a> " onmouseover="alert(1)`,
    }));
    const rendered = await renderDigest({ ...content(0), stories: hostile });
    const parsed = await simpleParser(`Content-Type: text/html; charset=utf-8\n\n${rendered.html}`);
    const html = String(parsed.html);
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toMatch(/<img src=x/);
    expect(html).not.toMatch(/<iframe/);
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toMatch(/<style>body\{display:none\}/);
    expect(html).toContain('&lt;script&gt;alert(0)&lt;/script&gt;');
    // A feed cannot write the render's markers: only the template's own one is there.
    expect(rendered.html.split(rendered.personalMarkers.unsubscribeUrl)).toHaveLength(2);
  });
});

describe('digestText', () => {
  it('lists every headline with its link, the trending list and the personal links', () => {
    const markers = drawPersonalMarkers();
    const text = digestText(digestView(content(25)), markers);
    for (const story of content(25).stories) {
      expect(text).toContain(story.headline);
      expect(text).toContain(story.url);
    }
    expect(text).toContain('TRENDING');
    expect(text).toContain('10. Trending item 10 with a headline of ordinary length (India)');
    expect(text).toContain(`Unsubscribe: ${markers.unsubscribeUrl}`);
  });
});

describe('the trending list’s readers signal', () => {
  it('names the readers by the configured brand, in the text and (escaped) in the HTML', async () => {
    const branded = {
      ...content(5),
      title: 'Morning Brief',
      trending: [{ ...trending[0]!, signal: 'readers' as const }],
      identity: {
        brand: { name: 'Morning <Brief>', accent: '#0b57d0', accentDark: '#8ab4f8' },
        postalAddress: '1 Example Street, London',
      },
    };
    const text = digestText(digestView(branded), drawPersonalMarkers());
    expect(text).toContain('(Global · Most read by Morning <Brief> readers)');
    const { html } = await renderDigest(branded);
    expect(html).toContain('Most read by Morning &lt;Brief&gt; readers');
    expect(`${text}${html}`).not.toContain('Daybreak');
  });
});
