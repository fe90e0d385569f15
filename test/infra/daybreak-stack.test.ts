import path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadConfigFile } from '../../functions/core/load-config-file';
import { DaybreakStack } from '../../infra/daybreak-stack';
import { tableDefinition } from '../../functions/core/table';
import { checkedApp } from '../../infra/checked-app';
import { errorMessage } from '../helpers/errors';

const config = loadConfigFile(path.join(__dirname, '../../config/daybreak.json'));

function synth(): Template {
  // Template tests skip bundling (the synth script and the bundle test build the real bundles).
  // cdk-nag runs as a validation plugin: Template.fromStack throws on any unacknowledged finding.
  const app = checkedApp({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new DaybreakStack(app, 'Test', { config }));
}

describe('DaybreakStack', () => {
  const template = synth();

  it('passes cdk-nag’s AwsSolutions checks, each exception acknowledged where it arises, with its reason', () => {
    // synth() throws on any unacknowledged finding, so reaching here means none is left.
    const app = checkedApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new DaybreakStack(app, 'Audit', { config });
    const acknowledged = stack.node
      .findAll()
      .flatMap((c) =>
        c.node.metadata
          .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
          .map((m) => Object.entries(m.data as Record<string, string>)),
      )
      .flat();
    expect(acknowledged.map(([id]) => id.replace(/\[.*$/, ''))).toEqual(
      expect.arrayContaining([
        'AwsSolutions::AwsSolutions-IAM4',
        'AwsSolutions::AwsSolutions-SMG4',
        'AwsSolutions::AwsSolutions-APIG4',
      ]),
    );
    for (const [, reason] of acknowledged) expect(reason.length).toBeGreaterThan(30);
  });

  it('refuses a configuration without sender.postalAddress at synth, in one line (CAN-SPAM)', () => {
    const app = checkedApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { postalAddress: _, ...sender } = config.sender;
    const message = errorMessage(() => new DaybreakStack(app, 'NoAddress', { config: { ...config, sender } }));
    expect(message).toMatch(/^sender\.postalAddress is required to deploy: /);
    expect(message).not.toContain('\n');
  });

  it('gives the digest and subscribe functions the brand and the postal address', () => {
    const identity = JSON.stringify({ brand: config.brand, postalAddress: config.sender.postalAddress });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ DAYBREAK_IDENTITY: identity, DAYBREAK_SEND_QUEUE_URL: Match.anyValue() }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DAYBREAK_IDENTITY: identity, DAYBREAK_SENDER: Match.anyValue() }) },
    });
  });

  it('refuses fetch.allowPrivateAddresses at synth, in one line, before anything is bundled', () => {
    const app = checkedApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    const unsafe = { ...config, fetch: { allowPrivateAddresses: true } };
    const message = errorMessage(() => new DaybreakStack(app, 'Unsafe', { config: unsafe }));
    expect(message).toMatch(
      /^fetch\.allowPrivateAddresses is for the local stack only: .*; remove it from the configuration$/,
    );
    expect(message).not.toContain('\n');
  });

  it('leaves the collector its default, refusing private addresses', () => {
    const [collect] = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Environment: { Variables: Match.objectLike({ DAYBREAK_SOURCES_FILE: Match.anyValue() }) } },
      }),
    );
    expect(collect?.Properties.Environment.Variables).not.toHaveProperty('DAYBREAK_ALLOW_PRIVATE_ADDRESSES');
  });

  it('has one table, keyed as the shared definition says, with the active-subscriber index, TTL, PITR and RETAIN', () => {
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'ActiveSubscribers' })],
        Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      }),
    });
  });

  it('runs collect, digest and send on Node.js 22, arm64, with tracing', () => {
    const functions = template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs22.x' } });
    const handlers = Object.values(functions).map(
      (f) => (f as { Properties: { Architectures: string[]; TracingConfig: unknown } }).Properties,
    );
    expect(handlers.length).toBeGreaterThanOrEqual(3);
    for (const props of handlers) {
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('collects every 30 minutes, with retries and a dead-letter queue, and builds each edition at its local time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(30 minutes)',
      Target: Match.objectLike({
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({
        Input: JSON.stringify({ edition: 'global' }),
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
  });

  it('feeds the send Lambda from a queue with a dead-letter queue and partial batch responses', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('caps the senders so that, each at its share, together they keep to the SES rate', () => {
    // 14 messages/s over 2 senders: 7/s each, so one message of 50 recipients is about ten seconds of sending.
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 2,
      Timeout: 120,
      Environment: { Variables: Match.objectLike({ DAYBREAK_MAX_SEND_RATE: '14', DAYBREAK_SEND_CONCURRENCY: '2' }) },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 720, RedrivePolicy: Match.anyValue() });
  });

  it('alarms when a recipient batch lands in the send dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('lets the send Lambda send only through its identity and configuration set', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendRawEmail',
            Resource: Match.arrayWith([
              Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':identity/news.example.com'])] }),
            ]),
          }),
        ]),
      },
    });
  });

  it('verifies the sender domain with Easy DKIM and a custom MAIL FROM domain', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'news.example.com',
      MailFromAttributes: { MailFromDomain: 'mail.news.example.com' },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'daybreak' });
  });

  it('sends SES bounces and complaints through SNS to the feedback Lambda, and alarms when an edition pauses', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', RedrivePolicy: Match.anyValue() });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DAYBREAK_COMPLAINT_PAUSE_RATE: '0.0025' }) },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Daybreak',
      MetricName: 'EditionsPaused',
      AlarmActions: [Match.anyValue()],
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@news.example.com' });
  });

  it('outputs what the CLI needs to reach the deployed stack: the functions, the table, the queue and the link key’s ARN (never the key)', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['TableName', 'CollectFunctionName', 'DigestFunctionName', 'SendQueueUrl', 'TokenKeyArn']),
    );
    expect(JSON.stringify(outputs.TokenKeyArn?.Value)).toMatch(/Ref/);
  });
});
