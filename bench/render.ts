import { renderDigest } from '../functions/digest/render';
import type { TrendingEntry } from '../functions/core/model';
import type { Story } from '../functions/digest/select';
import { PrecomposedDigest } from '../functions/mail/precompose';
import { report, timed } from './report';

const RENDERS = 10;
const RECIPIENTS = 2000;

function content() {
  const stories: Story[] = Array.from({ length: 25 }, (_, i) => ({
    id: `s${i}`,
    headline: `Story ${i + 1}: the council weighs a plan for the harbour district and its ferries`,
    summary: 'A two-sentence teaser of the kind feeds carry. It runs to about two lines on a phone screen.',
    url: `https://news.example.com/2026/11/26/story-${i + 1}`,
    category: ['world', 'business', 'science', 'culture'][i % 4] ?? 'news',
    publishedAt: '2026-11-26T06:00:00.000Z',
    links: [
      { source: 'Example News', url: `https://news.example.com/2026/11/26/story-${i + 1}` },
      { source: 'Other Desk', url: `https://other.example.org/world/${i + 1}` },
    ],
    coverage: 2,
    rise: 1,
    region: 'Global',
    score: 1,
  }));
  const trending: TrendingEntry[] = Array.from({ length: 10 }, (_, i) => ({
    rank: i + 1,
    headline: `Trending item ${i + 1} with a headline`,
    url: `https://trend.example.com/${i}`,
    region: i % 2 ? 'India' : 'Global',
  }));
  return {
    title: 'Daybreak',
    dateLabel: 'Thursday, 26 November 2026',
    archiveUrl: 'https://news.example.com/archive/2026-11-26/global',
    stories,
    trending,
  };
}

/** One render of an edition against the marginal cost of one more recipient (the precomposed message, spliced). */
export async function benchRender(): Promise<void> {
  const input = content();
  const first = await renderDigest(input); // warm-up: template compile, mjml's lazy loads
  const renders = await timed(async () => {
    for (let i = 0; i < RENDERS; i++) await renderDigest(input);
  });
  const perRender = renders.seconds / RENDERS;
  const template = {
    from: 'Daybreak <digest@news.example.com>',
    subject: first.subject,
    html: first.html,
    text: first.text,
    personalMarkers: first.personalMarkers,
    listId: 'global.news.example.com',
    feedbackId: '2026-11-26:global:daybreak',
  };
  await PrecomposedDigest.compose(template); // warm-up
  // The edition's message is composed once (as a sender does per batch), then each recipient's is spliced.
  const recipients = await timed(async () => {
    const digest = await PrecomposedDigest.compose(template);
    for (let i = 0; i < RECIPIENTS; i++) {
      digest.forRecipient(`reader${i}@example.com`, {
        unsubscribeUrl: `https://news.example.com/unsubscribe?token=t${i}`,
        preferencesUrl: `https://news.example.com/preferences?token=p${i}`,
      });
    }
  });
  const perRecipient = recipients.seconds / RECIPIENTS;
  report('render', 'html_bytes_25_stories_10_trending', first.htmlBytes, 'bytes');
  report('render', 'render_ms', perRender * 1000, 'ms');
  report('render', 'per_recipient_ms', perRecipient * 1000, 'ms');
  report('render', 'render_to_recipient_ratio', perRender / perRecipient, 'ratio');
  report('render', 'cpu_seconds_per_million_recipients', perRecipient * 1e6, 's');
}
