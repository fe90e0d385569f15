import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { publishedBy } from '../../functions/core/metric-names';
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
      Dimensions: expect.arrayContaining([
        { Name: 'edition', Value: 'global' },
        { Name: 'service', Value: 'digest' },
      ]),
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm(/asia edition is not complete/)).toBeDefined();
  });

  it('watches each custom metric with the service dimension Powertools publishes it with', () => {
    // CloudWatch matches the whole dimension set: a metric queried without `service` never has data.
    const queried: { MetricName?: string; Namespace?: string; Dimensions?: { Name: string; Value: string }[] }[] = [];
    for (const props of Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: Record<string, unknown> }).Properties,
    )) {
      queried.push(props as (typeof queried)[number]);
      for (const m of (props.Metrics as { MetricStat?: { Metric: (typeof queried)[number] } }[] | undefined) ?? [])
        if (m.MetricStat) queried.push(m.MetricStat.Metric);
    }
    const custom = queried.filter((m) => m.Namespace === 'Daybreak');
    expect(custom.map((m) => m.MetricName)).toEqual(
      expect.arrayContaining([
        'EditionsEnqueued',
        'EditionIncomplete',
        'SourcesRead',
        'SourcesFailed',
        'Sent',
        'Bounces',
        'Complaints',
      ]),
    );
    for (const m of custom)
      expect({ metric: m.MetricName, dimensions: m.Dimensions }).toEqual({
        metric: m.MetricName,
        dimensions: expect.arrayContaining([
          { Name: 'service', Value: publishedBy[m.MetricName as keyof typeof publishedBy] },
        ]),
      });
    expect(alarm(/global edition was not enqueued/)).toMatchObject({
      Dimensions: expect.arrayContaining([{ Name: 'service', Value: 'digest' }]),
    });
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
