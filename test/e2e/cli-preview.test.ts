import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/stand-ins';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const daybreak = (...args: string[]) =>
  run(process.execPath, [path.join(ROOT, 'bin/daybreak.js'), ...args], { cwd: ROOT, timeout: 120000 });

describe('daybreak preview', () => {
  const dir = tempDir('preview-');

  it('renders the JSON of `daybreak feed` into an email file, and prints the path and size', async () => {
    const feed = await daybreak(
      'feed',
      path.join(ROOT, 'test/fixtures/feeds/rss2.xml'),
      '--url',
      'https://gazette.example.org/rss',
    );
    writeFileSync(path.join(dir, 'feed.json'), feed.stdout);
    const out = path.join(dir, 'preview.html');
    const { stdout } = await daybreak('preview', '--from', path.join(dir, 'feed.json'), '--out', out);
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      path: string;
      bytes: number;
      stories: number;
    };
    const html = readFileSync(out, 'utf8');
    expect(result).toMatchObject({ path: out, bytes: Buffer.byteLength(html), stories: 2 });
    expect(html).toContain('Council approves new ferry timetable');
    expect(html).not.toMatch(/%%UNSUBSCRIBE_URL%%|daybreak-[0-9a-f]{32}-/);
    expect(html).toContain('/unsubscribe"');
  });

  it('writes the plain-text part with --text, from `daybreak extract` output with its trending list', async () => {
    const extract = await daybreak(
      'extract',
      path.join(ROOT, 'test/fixtures/pages/article-with-trending.html'),
      '--url',
      'https://wire.example.com/world/port-deal',
    );
    writeFileSync(path.join(dir, 'page.json'), extract.stdout);
    const out = path.join(dir, 'preview.txt');
    await daybreak('preview', '--from', path.join(dir, 'page.json'), '--text', '--out', out);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('1. Port authority signs deal on clean shipping');
    expect(text).toContain('TRENDING');
    expect(text).toContain('Sovereign fund in talks for retail stake (India · Trending at the sources)');
  });

  it('says what is wrong with an input that is neither', async () => {
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ hello: 'world' }));
    await expect(
      daybreak('preview', '--from', path.join(dir, 'bad.json'), '--out', path.join(dir, 'x.html')),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^daybreak: --from .*bad\.json: entry 0 is neither `daybreak feed` nor `daybreak extract` output/m,
      ),
    });
  });

  it('refuses a javascript: link in a trending entry, naming the entry and the field, and writes nothing', async () => {
    const input = [
      { feed: { title: 'Harbour Daily' }, items: [{ headline: 'Ferries', url: 'https://harbour.example/f' }] },
      {
        headline: 'Port deal',
        url: 'https://wire.example.com/port',
        trending: [{ rank: 1, headline: 'Click me', url: ' JaVaScript:alert(1)' }],
      },
    ];
    writeFileSync(path.join(dir, 'hostile.json'), JSON.stringify(input));
    const out = path.join(dir, 'hostile.html');
    await expect(daybreak('preview', '--from', path.join(dir, 'hostile.json'), '--out', out)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /^daybreak: --from .*hostile\.json: entry 1, trending\[0\]\.url: a javascript: link is refused/m,
      ),
    });
    expect(() => readFileSync(out)).toThrow();
  });

  it('asks for --out', async () => {
    await expect(daybreak('preview')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--out is required'),
    });
  });
});
