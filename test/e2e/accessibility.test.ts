import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { loadConfigFile } from '../../functions/core/load-config-file';
import { dateIn } from '../../functions/core/dates';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { readOutbox, recipientOf } from '../helpers/mail';
import { tempDir } from '../helpers/stand-ins';

const ROOT = path.join(__dirname, '..', '..');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
type Scheme = 'light' | 'dark';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * What axe checks in each scheme. The markup is the same in both and only the stylesheet's colours
 * change, so light mode gets every WCAG 2.1 A and AA rule and dark mode the rules that read colours.
 */
const RULES: Record<Scheme, { type: 'tag' | 'rule'; values: string[] }> = {
  light: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  dark: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] },
};

/** axe-core's rules for the scheme on the page as it stands; each violation as one readable line. */
async function violations(page: Page, scheme: Scheme): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async (runOnly) => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, { runOnly });
    return result.violations;
  }, RULES[scheme]);
  return (found as AxeViolation[]).map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Every page a subscriber meets, and both emails, checked with axe-core (WCAG 2.1 AA: labels,
 * names, contrast, language, headings...) in Debian's Chromium, in light mode, and their colours
 * again in dark mode.
 */
describe('accessibility, checked with axe-core in Chromium', () => {
  const base = loadConfigFile(path.join(ROOT, 'config/daybreak.json'));
  const config = {
    ...base,
    editions: [{ ...base.editions[0]!, id: 'global', sendAt: '00:00', timezone: 'UTC', onlyWhenNew: false }],
  };
  let stack: LocalStack;
  let browser: Browser;
  let web: string;
  const readerIn = (scheme: Scheme) => `axe-${scheme}@example.com`;
  /** Violations found while each reader signed up and confirmed, in their colour scheme. */
  const duringSignup: Record<Scheme, string[]> = { light: [], dark: [] };

  const mailsTo = async (to: string) => (await readOutbox(stack.outboxDir)).filter((m) => recipientOf(m.mail) === to);
  const linkIn = (text: string | undefined, route: string) =>
    new RegExp(`(http://127\\.0\\.0\\.1:\\d+/${route}\\?token=[\\w.-]+)`).exec(text ?? '')?.[1] ?? '';

  /** One browser context per scheme, as one reader's browser: each check opens a page of its own in it. */
  const contexts = new Map<Scheme, BrowserContext>();
  async function contextFor(scheme: Scheme): Promise<BrowserContext> {
    const known = contexts.get(scheme);
    if (known) return known;
    const context = await browser.newContext({
      colorScheme: scheme,
      viewport: { width: 375, height: 800 },
      bypassCSP: true,
    });
    contexts.set(scheme, context);
    return context;
  }

  async function check(name: string, scheme: Scheme, open: (page: Page) => Promise<unknown>): Promise<string[]> {
    const page = await (await contextFor(scheme)).newPage();
    try {
      await open(page);
      return (await violations(page, scheme)).map((v) => `${name}, ${scheme}: ${v}`);
    } finally {
      await page.close();
    }
  }

  beforeAll(async () => {
    stack = await startLocalStack({ config, dataDir: tempDir('axe-'), persist: false, port: 0 });
    web = stack.urls.web ?? '';
    await stack.collect();
    browser = await launchChromium();
    // Each reader signs up and confirms in their own colour scheme, so those pages are checked on the way.
    for (const scheme of ['light', 'dark'] as const) {
      duringSignup[scheme].push(
        ...(await check('the check-your-inbox page', scheme, async (page) => {
          await page.goto(`${web}/`);
          await page.getByLabel('Email address').fill(readerIn(scheme));
          await page.getByRole('button', { name: 'Subscribe' }).click();
          await page.waitForLoadState();
        })),
      );
      const confirmation = (await mailsTo(readerIn(scheme)))[0]?.mail;
      const confirmUrl = linkIn(confirmation?.text, 'confirm');
      duringSignup[scheme].push(...(await check('the confirm page', scheme, (page) => page.goto(confirmUrl))));
      duringSignup[scheme].push(
        ...(await check('the you-are-subscribed page', scheme, async (page) => {
          await page.goto(confirmUrl);
          await page.getByRole('button', { name: 'Confirm my subscription' }).click();
          await page.waitForLoadState();
        })),
      );
      duringSignup[scheme].push(
        ...(await check('an already used confirmation link', scheme, (page) => page.goto(confirmUrl))),
      );
      duringSignup[scheme].push(
        ...(await check('the confirmation email', scheme, (page) => page.setContent(String(confirmation?.html ?? '')))),
      );
    }
    await stack.digest(dateIn('UTC', new Date()));
  }, 180000);
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
    await stack?.close();
  });

  it.each(['light', 'dark'] as const)(
    'finds no WCAG 2.1 AA violation on any page or email (%s mode)',
    async (scheme) => {
      const found = [...duringSignup[scheme]];
      found.push(...(await check('the signup form', scheme, (page) => page.goto(`${web}/`))));
      found.push(
        ...(await check('the form with an error', scheme, async (page) => {
          await page.goto(`${web}/`);
          await page.getByLabel('Email address').fill('not an address');
          await page.getByRole('button', { name: 'Subscribe' }).click();
          await page.waitForLoadState();
        })),
      );
      const digest = (await mailsTo(readerIn(scheme))).find((m) => m.mail.subject?.startsWith('Daybreak'))?.mail;
      expect(digest).toBeDefined();
      // The digest as a fresh clone's reader gets it: lead image, top stories with thumbnails, and a
      // trending list that marks what is shown above.
      const html = String(digest?.html ?? '');
      expect(html).toMatch(/<img class="lead-img" src="http:\/\/127\.0\.0\.1:\d+\/images\/[^"]+" width="552"/);
      expect(html.match(/<img src="http:\/\/127\.0\.0\.1:\d+\/images\/[^"]+" width="96"/g)?.length).toBeGreaterThan(1);
      expect(html).toContain('Trending now');
      expect(html).toContain('↑ in Top stories');
      found.push(...(await check('the digest email', scheme, (page) => page.setContent(String(digest?.html ?? '')))));
      found.push(
        ...(await check('the preferences page', scheme, (page) => page.goto(linkIn(digest?.text, 'preferences')))),
      );
      found.push(
        ...(await check('the unsubscribe page', scheme, (page) => page.goto(linkIn(digest?.text, 'unsubscribe')))),
      );
      found.push(...(await check('the archive page', scheme, (page) => page.goto(stack.urls.archive ?? ''))));
      found.push(...(await check('the list of past editions', scheme, (page) => page.goto(`${web}/archive`))));
      found.push(
        ...(await check('a missing edition', scheme, (page) => page.goto(`${web}/archive/1999-01-01/global`))),
      );
      found.push(...(await check('a page that does not exist', scheme, (page) => page.goto(`${web}/nowhere`))));
      expect(found).toEqual([]);
    },
    // A dozen pages in Chromium: generous, for a loaded machine.
    240000,
  );
});
