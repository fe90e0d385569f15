import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { EmailSendingEvent, EventDestination, type ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { daybreakFunction } from './daybreak-function';
import { deadLetterQueue } from './dead-letter-queue';
import { toEnvironment } from '../../functions/feedback/settings';
import { METRICS_NAMESPACE, Metric as Names, serviceDimension } from '../../functions/core/metric-names';

export interface FeedbackProps {
  table: TableV2;
  configurationSet: ConfigurationSet;
  /** complaints / sent at which an edition's sending pauses. */
  complaintPauseRate: number;
}

/**
 * SES bounces and complaints: the configuration set publishes them to an SNS topic, and the
 * feedback Lambda suppresses the addresses, counts them on the edition, and pauses an edition
 * whose complaint rate nears the limit (with an alarm).
 */
export class Feedback extends Construct {
  public readonly topic: Topic;
  public readonly function: NodejsFunction;
  public readonly pausedAlarm: Alarm;
  /** SNS deliveries the feedback function could not take land here. */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: FeedbackProps) {
    super(scope, id);
    this.topic = new Topic(this, 'SesEvents', { displayName: 'Daybreak SES bounces and complaints', enforceSSL: true });
    props.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    this.function = daybreakFunction(this, 'FeedbackFunction', {
      name: 'feedback',
      timeout: Duration.seconds(30),
      environment: toEnvironment({ table: props.table.tableName, complaintPauseRate: props.complaintPauseRate }),
    });
    // Events that still fail after Lambda's retries are kept, not lost: a suppression may be in them.
    this.deadLetterQueue = deadLetterQueue(this, 'FeedbackDeadLetterQueue', {
      catchesFailuresOf: 'the SNS subscription of the feedback function',
    });
    this.topic.addSubscription(new LambdaSubscription(this.function, { deadLetterQueue: this.deadLetterQueue }));
    props.table.grantReadWriteData(this.function);
    this.pausedAlarm = new Alarm(this, 'EditionPausedAlarm', {
      alarmDescription: 'An edition’s complaint rate neared 0.3% and its sending was paused.',
      metric: new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: Names.EditionsPaused,
        // Powertools publishes it with the function's service dimension; without it the alarm would watch another metric.
        dimensionsMap: serviceDimension('feedback'),
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
