import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Storage } from '../../infra/constructs/storage';
import { Collector } from '../../infra/constructs/collector';
import { DigestBuilder } from '../../infra/constructs/digest-builder';
import { Archive } from '../../infra/constructs/archive';
import { DEFAULT_IDENTITY } from '../../functions/mail/identity';
import type { Edition, ResolvedSource } from '../../functions/core/daybreak-config';

const editions: Edition[] = [
  {
    id: 'global',
    title: 'Daybreak',
    sendAt: '06:30',
    timezone: 'America/New_York',
    maxStories: 25,
    topStories: 5,
    onlyWhenNew: true,
  },
  {
    id: 'asia',
    title: 'Daybreak Asia',
    sendAt: '07:15',
    timezone: 'Asia/Kolkata',
    maxStories: 25,
    topStories: 5,
    onlyWhenNew: true,
  },
];
const sources: ResolvedSource[] = [
  {
    name: 'Wire',
    url: 'https://wire.example.com/rss',
    kind: 'feed',
    edition: 'global',
    category: 'news',
    region: 'Global',
    timezone: 'UTC',
    weight: 1,
  },
];

function build(make: (stack: Stack, storage: Storage) => void): Template {
  const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Test');
  make(stack, new Storage(stack, 'Storage'));
  return Template.fromStack(stack);
}

const policyActions = (template: Template): string[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
    (
      p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }
    ).Properties.PolicyDocument.Statement.flatMap((s) => ([] as string[]).concat(s.Action)),
  );

describe('Storage', () => {
  const template = build(() => {});
  it('keeps the table on stack deletion, with point-in-time recovery, encryption and TTL', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        SSESpecification: Match.objectLike({ SSEEnabled: true }),
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });
});

describe('Collector', () => {
  const template = build(
    (stack, storage) =>
      new Collector(stack, 'Collector', {
        table: storage.table,
        sources,
        editions,
        retentionDays: 30,
        everyMinutes: 15,
      }),
  );

  it('runs on the configured interval, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: Match.objectLike({
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
  });

  it('hands the function its interval in its environment, and its sources and editions as files in the bundle', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          DAYBREAK_SOURCES_FILE: 'sources.json',
          DAYBREAK_EDITIONS_FILE: 'editions.json',
          DAYBREAK_COLLECT_EVERY_MINUTES: '15',
        }),
      },
    });
  });

  it('may read and write the table, and nothing else of DynamoDB', () => {
    const actions = policyActions(template).filter((a) => a.startsWith('dynamodb:'));
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
      ]),
    );
    expect(actions).not.toContain('dynamodb:*');
    expect(actions.some((a) => a.startsWith('dynamodb:DeleteTable') || a.startsWith('dynamodb:CreateTable'))).toBe(
      false,
    );
  });
});

describe('DigestBuilder', () => {
  const template = build(
    (stack, storage) =>
      new DigestBuilder(stack, 'Digest', {
        table: storage.table,
        sendQueue: new Queue(stack, 'Send'),
        identity: DEFAULT_IDENTITY,
        editions,
        publicUrl: 'https://news.example.com',
        archive: new Archive(stack, 'Archive'),
        tokenKey: new Secret(stack, 'LinkKey'),
        tracking: { clicks: 'aggregate', botSeconds: 30, readersMinClicks: 20 },
      }),
  );

  it('schedules each edition at its own local time, naming the edition in the event', () => {
    template.resourcePropertiesCountIs(
      'AWS::Scheduler::Schedule',
      { Target: Match.objectLike({ Input: Match.stringLikeRegexp('^\\{"edition":"[a-z]+"\\}$') }) },
      2,
    );
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 6 * * ? *)',
      ScheduleExpressionTimezone: 'America/New_York',
      Target: Match.objectLike({ Input: '{"edition":"global"}' }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(15 7 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Kolkata',
      Target: Match.objectLike({ Input: '{"edition":"asia"}' }),
    });
  });

  it('reruns each edition 30 and 90 minutes after its send time, so missing recipients are enqueued without an operator', () => {
    template.resourcePropertiesCountIs(
      'AWS::Scheduler::Schedule',
      { Target: Match.objectLike({ Input: Match.stringLikeRegexp('retryAfterMinutes') }) },
      4,
    );
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'America/New_York',
      Target: Match.objectLike({
        Input: '{"edition":"global","retryAfterMinutes":30}',
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(45 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Kolkata',
      Target: Match.objectLike({ Input: '{"edition":"asia","retryAfterMinutes":90}' }),
    });
  });

  it('may send to the send queue', () => {
    expect(policyActions(template)).toEqual(expect.arrayContaining(['sqs:SendMessage']));
  });

  it('writes the editions’ pages to the archive bucket it is told of, and may do nothing else there', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DAYBREAK_ARCHIVE_BUCKET: Match.anyValue() }) },
    });
    expect(policyActions(template).filter((a) => a.startsWith('s3:'))).toEqual(['s3:PutObject']);
  });
});

describe('Archive', () => {
  const template = build((stack) => new Archive(stack, 'Archive'));

  it('keeps the pages in a private, encrypted bucket that outlives the stack and refuses plain HTTP', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
