import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Observability } from '../../infra/constructs/observability';

describe('Observability', () => {
  const stack = new Stack(new App(), 'Test');
  const fn = new LambdaFunction(stack, 'Fn', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler=async()=>{}'),
  });
  new Observability(stack, 'Obs', {
    functions: { Send: fn },
    deadLetterQueues: { Send: new Queue(stack, 'Dlq') },
    alarmEmail: 'ops@example.com',
    editions: ['global', 'asia'],
    maxSendRate: 14,
  });
  const template = Template.fromStack(stack);
  const alarm = (description: RegExp) =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm'))
      .map((a) => (a as { Properties: Record<string, unknown> }).Properties)
      .find((p) => description.test(String(p.AlarmDescription)));

  it('mails the operator through an encrypted topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('alarms on any message in a dead-letter queue and on function errors', () => {
    expect(alarm(/dead-letter/)).toMatchObject({
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    expect(alarm(/Send function failed/)).toMatchObject({ Threshold: 0, MetricName: 'Errors' });
  });

  it('alarms when most sources fail, and when an edition is not sent within a day', () => {
    expect(alarm(/Most sources failed/)).toMatchObject({ Threshold: 0.5 });
    expect(alarm(/global edition was not enqueued/)).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      Period: 86400,
    });
    expect(alarm(/asia edition was not enqueued/)).toBeDefined();
  });

  it('alarms when a run finds an edition incomplete (recipients missing from its ledger, or shards still held)', () => {
    expect(alarm(/global edition is not complete/)).toMatchObject({
      Namespace: 'Daybreak',
      MetricName: 'EditionIncomplete',
      Dimensions: [{ Name: 'edition', Value: 'global' }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm(/asia edition is not complete/)).toBeDefined();
  });

  it('alarms on a bounce rate over 5% and a complaint rate over 0.1%', () => {
    expect(alarm(/Bounce rate over 5%/)).toMatchObject({ Threshold: 0.05 });
    expect(alarm(/Complaint rate over 0.1%/)).toMatchObject({ Threshold: 0.001 });
  });

  it('has a dashboard with collected, stories, sent, failed, bounces, complaints, email bytes and the send rate against the quota', () => {
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    for (const name of [
      'Collected',
      'Stories',
      'Sent',
      'Failed',
      'Bounces',
      'Complaints',
      'EmailBytes',
      'SES max send rate',
    ])
      expect(body).toContain(name);
  });
});
