import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

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
 * A Daybreak Lambda: Node.js 22 on arm64, bundled by the project's own esbuild (no Docker),
 * minified, with its own log group and tracing.
 */
export function daybreakFunction(scope: Construct, id: string, props: DaybreakFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
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
      // mjml pulls in typescript through cosmiconfig; the SDK comes with the runtime.
      externalModules: ['@aws-sdk/*', 'typescript'],
      forceDockerBundling: false,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir, outputDir) => [
          ...(props.withTemplates ? [`cp -r "${inputDir}/templates" "${outputDir}/templates"`] : []),
          ...Object.entries(files).map(([name, from]) => `cp "${from}" "${outputDir}/${name}"`),
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
