import { filterClick } from '../../../../functions/core/clicks/bot-filter';

const now = new Date('2026-11-27T08:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);
const READERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  'Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0',
];

describe('filterClick: link scanners and robots are not readers', () => {
  it('counts a reader’s click in a browser, long enough after delivery', () => {
    for (const userAgent of READERS)
      expect(filterClick({ userAgent, deliveredAt: secondsAgo(3600), now, botSeconds: 30 })).toBeUndefined();
  });

  it('filters known scanners, previewers and scripts by their agent, and a missing agent', () => {
    for (const userAgent of [
      '',
      '   ',
      'Mozilla/5.0 (compatible; Barracuda Sentinel scanner)',
      'Proofpoint URL Defense',
      'Mimecast Safe Links',
      'Microsoft Office SafeLinks',
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'facebookexternalhit/1.1',
      'WhatsApp/2.23.20',
      'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36',
      'curl/8.4.0',
      'Wget/1.21',
      'python-requests/2.31',
      'Go-http-client/1.1',
      'okhttp/4.12.0',
      'axios/1.6.0',
      'Mozilla/4.0 (compatible;)',
    ])
      expect(filterClick({ userAgent, deliveredAt: secondsAgo(3600), now, botSeconds: 30 })).toBe('agent');
  });

  it('filters a click within botSeconds of delivery as a prefetch, and counts one after it', () => {
    const reader = READERS[0] as string;
    expect(filterClick({ userAgent: reader, deliveredAt: secondsAgo(2), now, botSeconds: 30 })).toBe('timing');
    expect(filterClick({ userAgent: reader, deliveredAt: secondsAgo(29), now, botSeconds: 30 })).toBe('timing');
    expect(filterClick({ userAgent: reader, deliveredAt: secondsAgo(30), now, botSeconds: 30 })).toBeUndefined();
    // Without a delivery time (a link copied without it) only the agent decides; botSeconds 0 turns timing off.
    expect(filterClick({ userAgent: reader, now, botSeconds: 30 })).toBeUndefined();
    expect(filterClick({ userAgent: reader, deliveredAt: secondsAgo(0), now, botSeconds: 0 })).toBeUndefined();
  });

  it('names a robot’s agent before timing: a scanner is counted once, as a robot', () => {
    expect(filterClick({ userAgent: 'curl/8.4.0', deliveredAt: secondsAgo(1), now, botSeconds: 30 })).toBe('agent');
  });
});
