import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TreatMissingData,
  type IAlarmAction,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  type MetricName,
  Metric as Names,
  METRICS_NAMESPACE,
  publishedBy,
  serviceDimension,
} from '../../functions/core/metric-names';

export interface ObservabilityProps {
  functions: Record<string, IFunction>;
  deadLetterQueues: Record<string, IQueue>;
  /** Who is told when an alarm fires. */
  alarmEmail?: string;
  /** Edition ids: each must be enqueued once a day. */
  editions: string[];
  /** The SES maximum send rate, drawn on the dashboard beside the achieved rate. */
  maxSendRate: number;
  /** Alarms other constructs define (the send DLQ, the complaint pause), routed to the same topic. */
  alarms?: Alarm[];
}

/**
 * Alarms (to an SNS topic that mails the operator) and one dashboard: what an operator watches to
 * know the digest went out, to whom, and at what cost in bounces and complaints.
 */
export class Observability extends Construct {
  public readonly alarmTopic: Topic;
  public readonly alarms: Alarm[] = [];
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Daybreak alarms',
      masterKey: new Key(this, 'AlarmTopicKey', { enableKeyRotation: true }),
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action: IAlarmAction = new SnsAction(this.alarmTopic);
    for (const other of props.alarms ?? []) other.addAlarmAction(action);
    // With the `service` dimension Powertools publishes every metric with: without it, nothing matches.
    const metric = (
      name: MetricName,
      statistic = 'Sum',
      period = Duration.minutes(5),
      dimensionsMap: Record<string, string> = {},
    ) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        statistic,
        period,
        dimensionsMap: { ...serviceDimension(publishedBy[name]), ...dimensionsMap },
      });
    const alarm = (
      alarmId: string,
      metricOrMath: IMetric,
      threshold: number,
      description: string,
      options: { lessThan?: boolean; missing?: TreatMissingData } = {},
    ) => {
      const created = new Alarm(this, alarmId, {
        metric: metricOrMath,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: options.lessThan
          ? ComparisonOperator.LESS_THAN_THRESHOLD
          : ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        0,
        `A message reached the ${name} dead-letter queue`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), 0, `The ${name} function failed`);
    }
    const failedShare = new MathExpression({
      expression: 'IF(read + failed > 0, failed / (read + failed), 0)',
      usingMetrics: {
        read: metric(Names.SourcesRead, 'Sum', Duration.hours(1)),
        failed: metric(Names.SourcesFailed, 'Sum', Duration.hours(1)),
      },
      period: Duration.hours(1),
    });
    alarm('MostSourcesFailing', failedShare, 0.5, 'Most sources failed in the last hour of collect runs');
    for (const edition of props.editions) {
      alarm(
        `Edition${edition}NotSent`,
        metric(Names.EditionsEnqueued, 'Sum', Duration.days(1), { edition }),
        1,
        `The ${edition} edition was not enqueued within a day`,
        {
          lessThan: true,
          missing: TreatMissingData.BREACHING,
        },
      );
    }
    for (const edition of props.editions) {
      // Any digest run that finds recipients lost from the queue, or shards another run still holds, says so;
      // so does a scheduled retry that still had anyone to enqueue.
      alarm(
        `Edition${edition}Incomplete`,
        metric(Names.EditionIncomplete, 'Sum', Duration.hours(1), { edition }),
        0,
        `The ${edition} edition is not complete: recipients were missing from its ledger, shards were still held by another run, or a scheduled retry still had recipients to enqueue`,
      );
    }
    const rate = (numerator: MetricName, label: string) =>
      new MathExpression({
        expression: `IF(sent > 0, ${label} / sent, 0)`,
        usingMetrics: {
          sent: metric(Names.Sent, 'Sum', Duration.hours(6)),
          [label]: metric(numerator, 'Sum', Duration.hours(6)),
        },
        period: Duration.hours(6),
      });
    alarm(
      'BounceRate',
      rate(Names.Bounces, 'bounces'),
      0.05,
      'Bounce rate over 5% (SES reviews accounts at 5%, pauses at 10%)',
    );
    alarm(
      'ComplaintRate',
      rate(Names.Complaints, 'complaints'),
      0.001,
      'Complaint rate over 0.1% (Gmail’s bulk-sender limit is 0.3%)',
    );

    const sendRate = new MathExpression({
      expression: 'sent / 60',
      usingMetrics: { sent: metric(Names.Sent, 'Sum', Duration.minutes(1)) },
      label: 'Sent per second',
      period: Duration.minutes(1),
    });
    const quota = new MathExpression({
      expression: `sent * 0 + ${props.maxSendRate}`,
      usingMetrics: { sent: metric(Names.Sent, 'Sum', Duration.minutes(1)) },
      label: 'SES max send rate',
      period: Duration.minutes(1),
    });
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: 'Daybreak' });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Collected and stories',
        left: [metric(Names.Collected, 'Sum', Duration.hours(1)), metric(Names.Stories, 'Maximum', Duration.hours(1))],
        width: 12,
      }),
      new GraphWidget({
        title: 'Sent, failed, throttled',
        left: [metric(Names.Sent), metric(Names.Failed), metric(Names.Throttled)],
        width: 12,
      }),
      new GraphWidget({
        title: 'Bounces and complaints',
        left: [metric(Names.Bounces, 'Sum', Duration.hours(1)), metric(Names.Complaints, 'Sum', Duration.hours(1))],
        width: 12,
      }),
      new GraphWidget({ title: 'Send rate against the SES quota', left: [sendRate, quota], width: 12 }),
      new GraphWidget({
        title: 'Clicks per edition (readers; link scanners filtered out)',
        left: props.editions.map((edition) => metric(Names.Clicks, 'Sum', Duration.hours(1), { edition })),
        right: props.editions.map((edition) => metric(Names.ClicksFiltered, 'Sum', Duration.hours(1), { edition })),
        width: 12,
      }),
      new SingleValueWidget({
        title: 'Email bytes (latest edition)',
        metrics: [metric(Names.EmailBytes, 'Maximum', Duration.days(1))],
        width: 12,
      }),
    );
  }
}
