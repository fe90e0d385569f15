import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { launchChromium } from './chromium';
import { startLocalStack } from '../infra/local/local-stack';
import { loadConfigFile } from '../functions/core/load-config-file';

/**
 * Screenshots of today's digest as a subscriber gets it: runs `daybreak start --once` on the sample
 * sources, takes the HTML part of the sent message and photographs it in Chromium at 375 px (a
 * phone) and 1200 px wide, in light and dark mode; then the signup form at 375 px. Usage: npm run screenshots
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daybreak-shot-'));
  execFileSync(
    process.execPath,
    [path.join(root, 'bin/daybreak.js'), 'start', '--once', '--in-memory', '--data', dataDir],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const outbox = path.join(dataDir, 'outbox');
  const eml = readdirSync(outbox).find((f) => f.endsWith('.eml'));
  if (!eml) throw new Error('no message was sent');
  const html = String((await simpleParser(readFileSync(path.join(outbox, eml)))).html);
  const browser = await launchChromium();
  try {
    for (const [width, scheme] of [
      [375, 'light'],
      [1200, 'light'],
      [375, 'dark'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.setContent(html, { waitUntil: 'load' });
      const file = path.join(root, 'docs', `digest-${width}${scheme === 'dark' ? '-dark' : ''}.png`);
      await page.screenshot({ path: file, fullPage: width === 375 });
      process.stdout.write(`${file}\n`);
      await page.close();
    }
    // The signup form, as a phone shows it.
    const stack = await startLocalStack({
      config: loadConfigFile(path.join(root, 'config/daybreak.json')),
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'daybreak-form-')),
      persist: false,
      port: 0,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto(`${stack.urls.web}/`);
      const file = path.join(root, 'docs', 'form-375.png');
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
    } finally {
      await stack.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
