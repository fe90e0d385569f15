import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { loadConfigFile } from '../../functions/core/load-config-file';
import { dateIn } from '../../functions/core/dates';
import { startLocalStack, type LocalStack } from '../../infra/local/local-stack';
import { readOutbox, recipientOf } from '../helpers/mail';
import { tempDir } from '../helpers/stand-ins';

const ROOT = path.join(__dirname, '..', '..');
const READER = 'journey@example.com';
const CONTROL = 'control@example.com';

/**
 * A subscriber's whole life, in Debian's Chromium against the local stack: the form, the
 * confirmation email, preferences, a digest, the unsubscribe button, and no digest after that.
 */
describe('a subscriber in a real browser', () => {
  const base = loadConfigFile(path.join(ROOT, 'config/daybreak.json'));
  // Two editions, and digests that go out whatever the previous one carried, so each step is visible.
  const config = {
    ...base,
    editions: [
      { ...base.editions[0]!, id: 'global', sendAt: '00:00', timezone: 'UTC', onlyWhenNew: false },
      {
        ...base.editions[0]!,
        id: 'evening',
        title: 'Daybreak Evening',
        sendAt: '18:00',
        timezone: 'UTC',
        onlyWhenNew: false,
      },
    ],
  };
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;
  let web: string;

  const mailsTo = async (to: string) => (await readOutbox(stack.outboxDir)).filter((m) => recipientOf(m.mail) === to);
  const linkIn = (text: string | undefined, route: string) =>
    new RegExp(`(http://127\\.0\\.0\\.1:\\d+/${route}\\?token=[\\w.-]+)`).exec(text ?? '')?.[1] ?? '';

  beforeAll(async () => {
    stack = await startLocalStack({ config, dataDir: tempDir('journey-'), persist: false, port: 0 });
    web = stack.urls.web ?? '';
    await stack.collect();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs up through the form and gets a confirmation email', async () => {
    await page.goto(`${web}/`);
    await page.screenshot({ path: path.join(ROOT, '.tmp', 'form-375.png'), fullPage: true });
    await page.getByLabel('Email address').fill(READER);
    await page.getByLabel(/Daybreak Evening/).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Check your inbox');
    const confirmations = await mailsTo(READER);
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]?.mail.subject).toBe('Confirm your Daybreak subscription');
  });

  it('confirms from the link in that email with the Confirm button, and sees "subscribed" when opening it again', async () => {
    const [confirmation] = await mailsTo(READER);
    const link = linkIn(confirmation?.mail.text, 'confirm');
    // What a mail scanner does: HEAD and GET the link. Neither confirms.
    expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Confirm your subscription');
    await page.reload();
    await page.getByRole('button', { name: 'Confirm my subscription' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('You are subscribed');
  });

  it('changes editions on the preferences page, and receives the next digest', async () => {
    // A control reader, to show digests still go out to others.
    const control = await browser.newPage();
    await control.goto(`${web}/`);
    await control.getByLabel('Email address').fill(CONTROL);
    await control.getByRole('button', { name: 'Subscribe' }).click();
    await control.goto(linkIn((await mailsTo(CONTROL))[0]?.mail.text, 'confirm'));
    await control.getByRole('button', { name: 'Confirm my subscription' }).click();
    await control.waitForLoadState();
    expect(await control.locator('h1').textContent()).toBe('You are subscribed');
    await control.close();

    const today = dateIn('UTC', new Date());
    await stack.digest(today);
    const digests = (await mailsTo(READER)).filter((m) => m.mail.subject?.startsWith('Daybreak'));
    const lastDigest = digests[digests.length - 1];
    expect(lastDigest?.mail.html).toContain('Harbour bridge reopens');

    await page.goto(linkIn(lastDigest?.mail.text, 'preferences'));
    await page.getByLabel(/Daybreak Evening/).uncheck();
    await page.getByRole('button', { name: 'Save editions' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Your editions are saved.');
    expect(await page.getByLabel(/Daybreak Evening/).isChecked()).toBe(false);
  });

  it('unsubscribes with the button, and the following digest does not reach them', async () => {
    const digests = (await mailsTo(READER)).filter((m) => m.mail.subject?.startsWith('Daybreak'));
    await page.goto(linkIn(digests[digests.length - 1]?.mail.text, 'unsubscribe'));
    expect(await page.locator('h1').textContent()).toBe('Unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    expect(await page.locator('h1').textContent()).toBe('You are unsubscribed');

    const before = (await mailsTo(READER)).length;
    const controlBefore = (await mailsTo(CONTROL)).length;
    const tomorrow = dateIn('UTC', new Date(Date.now() + 86400000));
    await stack.digest(tomorrow);
    expect((await mailsTo(READER)).length).toBe(before);
    expect((await mailsTo(CONTROL)).length).toBeGreaterThan(controlBefore);
  });

  it('can be used with the keyboard alone', async () => {
    const keyboard = await browser.newPage();
    await keyboard.goto(`${web}/`);
    await keyboard.keyboard.press('Tab');
    expect(await keyboard.evaluate(() => document.activeElement?.id)).toBe('email');
    await keyboard.keyboard.type('keys@example.com');
    await keyboard.keyboard.press('Tab');
    expect(await keyboard.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('editions');
    await keyboard.keyboard.press('Space');
    // Past the second edition; the honeypot is skipped (tabindex=-1), so the next stop is the button.
    await keyboard.keyboard.press('Tab');
    await keyboard.keyboard.press('Tab');
    expect(await keyboard.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await keyboard.keyboard.press('Enter');
    await keyboard.waitForLoadState();
    expect(await keyboard.locator('h1').textContent()).toBe('Check your inbox');
    await keyboard.close();
  });

  it('announces a wrong address and ties the error to its field', async () => {
    const errors = await browser.newPage();
    await errors.goto(`${web}/`);
    await errors.getByLabel('Email address').fill('not-an-address');
    await errors.getByRole('button', { name: 'Subscribe' }).click();
    expect(await errors.getByRole('alert').count()).toBeGreaterThan(0);
    expect(await errors.getByLabel('Email address').getAttribute('aria-describedby')).toBe('email-error');
    expect(await errors.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    await errors.screenshot({ path: path.join(ROOT, '.tmp', 'form-error-375.png') });
    await errors.close();
  });
});
