import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { htmlparser2ParserAlias } from './bundling/htmlparser2-parser';
import { unusedModuleAliases } from './bundling/unused-modules';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

export interface DaybreakFunctionProps {
  /** The folder under `functions/` whose `handler.ts` this Lambda runs. */
  name: 'collect' | 'digest' | 'send' | 'subscribe' | 'feedback';
  environment: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /** Caps the function's instances (the send Lambda: its token buckets are sized for this many). */
  reservedConcurrentExecutions?: number;
  /** Copy `templates/` beside the bundle (the functions that render MJML). */
  withTemplates?: boolean;
  /**
   * Files to place beside the bundle: name in the bundle → content (a contract's `bundledFiles`,
   * the lists too long for the environment's 4 KB).
   */
  files?: Record<string, string>;
}

/** Writes `files` for the bundler to copy (the synth's own temporary folder, never the repository): name → path. */
function writeSynthFiles(files: Record<string, string>): Record<string, string> {
  const entries = Object.entries(files);
  if (entries.length === 0) return {};
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daybreak-synth-'));
  return Object.fromEntries(
    entries.map(([name, content]) => {
      const file = path.join(dir, path.basename(name));
      writeFileSync(file, content);
      return [name, file];
    }),
  );
}

/**
 * Packages a function imports only on some paths (`await import('mjml')`): kept out of index.js and
 * bundled beside it as node_modules/<package>/index.js, so a cold start that never takes those paths
 * neither reads nor parses them. The subscribe function needs mjml only to mail a confirmation; the
 * collect function needs linkedom and Readability only for a page (an article or section source, or a
 * feed's address that answers with a page), whose reader its code requires on first use.
 */
export const LAZY_PACKAGES: Partial<Record<DaybreakFunctionProps['name'], string[]>> = {
  subscribe: ['mjml'],
  collect: ['linkedom', '@mozilla/readability'],
};

// The SDK comes with the runtime; mjml pulls in typescript through cosmiconfig and never uses it.
export const BUNDLE_EXTERNALS = ['@aws-sdk/*', 'typescript'];
/** esbuild's `alias`: modules imported by libraries for what Daybreak never calls, each replaced by a stub (see there). */
export const BUNDLE_ALIASES: Record<string, string> = unusedModuleAliases();
/** Aliases that hold for one function's bundle only, beside BUNDLE_ALIASES (see each). */
const FUNCTION_ALIASES: Partial<Record<DaybreakFunctionProps['name'], () => Record<string, string>>> = {
  collect: () => htmlparser2ParserAlias(PROJECT_ROOT),
};
/** The aliases `name`'s bundle is built with (also read by `npm run bench -- bundles`). */
export function bundleAliases(name: DaybreakFunctionProps['name']): Record<string, string> {
  return { ...BUNDLE_ALIASES, ...FUNCTION_ALIASES[name]?.() };
}
const aliasArgs = (aliases: Record<string, string>) =>
  Object.fromEntries(Object.entries(aliases).map(([name, to]) => [`--alias:${name}`, to]));

/**
 * The shell command that bundles `pkg` (minified, with a source map, `aliases` applied) into
 * `outputDir/node_modules/pkg/`. esbuild resolves the name from the project as index.js's own `import`
 * would: the package's ES module build where it ships one. (linkedom's CommonJS build reads the
 * stubbed-out cssomnom parser as it loads, where the ES module build reads it only when it is called.)
 */
function bundleBeside(pkg: string, outputDir: string, aliases: Record<string, string>): string {
  const esbuild = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild');
  const flags = [
    '--bundle',
    '--minify',
    '--platform=node',
    '--target=node22',
    '--format=cjs',
    '--sourcemap',
    '--sources-content=false',
    '--log-level=warning',
    ...BUNDLE_EXTERNALS.map((name) => `--external:${name}`),
    ...Object.entries(aliasArgs(aliases)).map(([flag, to]) => `${flag}=${to}`),
  ];
  const command = `"${esbuild}" "${pkg}" ${flags.map((f) => `"${f}"`).join(' ')} --outfile="${outputDir}/node_modules/${pkg}/index.js"`;
  return `(cd "${PROJECT_ROOT}" && ${command})`;
}

/**
 * A Daybreak Lambda: Node.js 22 on arm64, bundled by the project's own esbuild (no Docker),
 * minified, with its own log group and tracing.
 */
export function daybreakFunction(scope: Construct, id: string, props: DaybreakFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const lazyPackages = LAZY_PACKAGES[props.name] ?? [];
  const files = writeSynthFiles(props.files ?? {});
  const functionProps: NodejsFunctionProps = {
    entry: path.join(PROJECT_ROOT, 'functions', props.name, 'handler.ts'),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(60),
    tracing: Tracing.ACTIVE,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    logGroup,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    bundling: {
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      target: 'node22',
      format: OutputFormat.CJS,
      externalModules: [...BUNDLE_EXTERNALS, ...lazyPackages],
      esbuildArgs: aliasArgs(bundleAliases(props.name)),
      forceDockerBundling: false,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir, outputDir) => [
          ...(props.withTemplates ? [`cp -r "${inputDir}/templates" "${outputDir}/templates"`] : []),
          ...Object.entries(files).map(([name, from]) => `cp "${from}" "${outputDir}/${name}"`),
          ...lazyPackages.map((pkg) => bundleBeside(pkg, outputDir, bundleAliases(props.name))),
        ],
      },
    },
  };
  const fn = new NodejsFunction(scope, id, functionProps);
  Validations.of(fn).acknowledge(
    {
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The basic execution policy only lets the function write its own logs; CDK attaches it to every Lambda role.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) and, for the sender, ses:GetSendQuota accept no resource but *.',
    },
    {
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime Daybreak is built and tested for (TOOLCHAIN.md); moving runtimes is a deliberate change, not a default.',
    },
  );
  return fn;
}
