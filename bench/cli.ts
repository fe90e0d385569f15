import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { report } from './report';

const ROOT = path.join(__dirname, '..');
const DAYBREAK = path.join(ROOT, 'bin', 'daybreak.js');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 9);
const ITEMS = 50;

/** A 50-item RSS file, the size of a busy source's feed. */
function feedFile(dir: string): string {
  const items = Array.from(
    { length: ITEMS },
    (_, i) =>
      `<item><title>Story ${i}: council weighs plan for district ${i}</title><link>https://example.com/story/${i}</link><description><![CDATA[<p>Summary of story ${i}, with <b>markup</b> &amp; entities.</p>]]></description><pubDate>${new Date(Date.UTC(2026, 0, 1, 12, i)).toUTCString()}</pubDate></item>`,
  ).join('');
  const file = path.join(dir, 'feed.xml');
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title>${items}</channel></rss>`,
  );
  return file;
}

function seconds(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * How long `daybreak --help` and `daybreak feed <50-item file>` take as whole processes, from the
 * build (dist/cli/, rebuilt first) and from the sources through tsx, beside `node -e 0` (Node's
 * own start). The commands run in turn, run after run, so a drift in the machine's speed touches
 * all alike; each ratio is the median of the run-by-run ratios.
 */
export async function benchCli(): Promise<void> {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.js')], { stdio: 'inherit' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daybreak-bench-cli-'));
  try {
    const feed = feedFile(dir);
    const fromSource = { ...process.env, DAYBREAK_FROM_SOURCE: '1' };
    const cases: Record<string, () => number> = {
      'node -e 0': () => seconds(['-e', '0']),
      '--help': () => seconds([DAYBREAK, '--help']),
      feed: () => seconds([DAYBREAK, 'feed', feed]),
      '--help (tsx)': () => seconds([DAYBREAK, '--help'], fromSource),
      'feed (tsx)': () => seconds([DAYBREAK, 'feed', feed], fromSource),
    };
    for (const run of Object.values(cases)) run(); // warm-up: file cache, not counted
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
    for (let i = 0; i < RUNS; i++) for (const [name, run] of Object.entries(cases)) times[name]?.push(run());
    const base = times['node -e 0'] ?? [];
    for (const [name, values] of Object.entries(times)) {
      report('cli', `${name}: wall`, median(values) * 1000, 'ms');
      if (name === 'node -e 0') continue;
      report('cli', `${name}: × node -e 0`, median(values.map((v, i) => v / (base[i] ?? Number.NaN))), 'ratio');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
