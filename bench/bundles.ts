import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { BUNDLE_EXTERNALS, bundleAliases, LAZY_PACKAGES } from '../infra/constructs/daybreak-function';
import { report } from './report';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..');
const FUNCTIONS = ['collect', 'digest', 'send', 'subscribe', 'feedback'] as const;

interface Template {
  Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
}

/**
 * The Lambda bundles as `cdk synth` builds them: each function's bundle and asset size, and how
 * long a fresh Node process takes to load it (the part of a cold start that is ours). Then, from
 * an esbuild metafile of the same entry and options, the packages that make each bundle large.
 * Loading runs on the Lambda runtime's Node major (scripts/ensure-node.sh), with and without the
 * `--enable-source-maps` the functions are deployed with.
 */
export async function benchBundles(): Promise<void> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'daybreak-bench-bundles-'));
  const { stdout: nodeBin } = await run('bash', [path.join(ROOT, 'scripts', 'ensure-node.sh')], { cwd: ROOT });
  const node = path.join(nodeBin.trim(), 'node');
  const { stdout: version } = await run(node, ['--version']);
  report('bundles', 'node major', Number(version.trim().slice(1).split('.')[0]), 'major');
  try {
    await run('npx', ['cdk', 'synth', '--quiet', '-o', out], {
      cwd: ROOT,
      env: { ...process.env, CDK_HOME: path.join(ROOT, '.cdk-home') },
      timeout: 300_000,
    });
    const template = JSON.parse(readFileSync(path.join(out, 'Daybreak.template.json'), 'utf8')) as Template;
    for (const [id, resource] of Object.entries(template.Resources)) {
      const asset = resource.Metadata?.['aws:asset:path'];
      const name = FUNCTIONS.find((f) => id.toLowerCase().includes(f));
      if (resource.Type !== 'AWS::Lambda::Function' || !asset || !name) continue;
      const dir = path.join(out, asset);
      report('bundles', `${name}: index.js`, statSync(path.join(dir, 'index.js')).size / 1024, 'KiB');
      report('bundles', `${name}: asset`, directoryBytes(dir) / 1024, 'KiB');
      report('bundles', `${name}: load`, await loadMilliseconds(node, dir, ['--enable-source-maps']), 'ms');
      report('bundles', `${name}: load without source maps`, await loadMilliseconds(node, dir, []), 'ms');
    }
    for (const name of FUNCTIONS) {
      for (const [pkg, bytes] of await largestPackages(name)) report('bundles', `${name}: ${pkg}`, bytes / 1024, 'KiB');
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? directoryBytes(full) : statSync(full).size);
  }, 0);
}

/**
 * Module loading only: nothing is invoked, so no settings are read (a handler builds itself on
 * its first call). The AWS SDK, which Lambda's runtime provides, comes from the project's node_modules.
 */
async function loadMilliseconds(node: string, dir: string, flags: string[]): Promise<number> {
  const script = `const t = process.hrtime.bigint(); require('./index.js'); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_PATH: path.join(ROOT, 'node_modules'),
    NODE_OPTIONS: flags.join(' '),
    AWS_REGION: 'us-east-1',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
  // The median of five fresh processes: the machine is shared, one run is noise.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { stdout } = await run(node, ['-e', script], { cwd: dir, env, timeout: 60_000 });
    times.push(Number(stdout));
  }
  return times.sort((a, b) => a - b)[2] ?? Number.NaN;
}

/** The three packages (or the project's own code) with the most bytes in the bundle. */
async function largestPackages(name: (typeof FUNCTIONS)[number]): Promise<[string, number][]> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'functions', name, 'handler.ts')],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: [...BUNDLE_EXTERNALS, ...(LAZY_PACKAGES[name] ?? [])],
    alias: bundleAliases(name),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const byPackage = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const pkg = match?.[1] ?? '(daybreak)';
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 3);
}
