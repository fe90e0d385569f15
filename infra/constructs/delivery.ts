import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { daybreakFunction } from './daybreak-function';
import { deadLetterQueue } from './dead-letter-queue';
import { grantSendMail, type MailingProps, mailingSettingsOf } from './mailing-props';
import { toEnvironment } from '../../functions/send/settings';
import { sendBatchSize } from '../../functions/core/send-queue';
import { perSenderRate } from '../../functions/send/token-bucket';

export interface DeliveryProps extends MailingProps {
  /** The account's SES maximum send rate, messages a second: all senders together stay at or under it. */
  maxSendRate: number;
  /** Concurrent senders (at least 2, SQS's minimum); each paces itself at maxSendRate / maxConcurrency. */
  maxConcurrency?: number;
}

const SEND_TIMEOUT = Duration.minutes(2);

/** The send queue (with its dead-letter queue) and the Lambda that mails each recipient batch. */
export class Delivery extends Construct {
  public readonly sendQueue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly function: NodejsFunction;
  /** Raised when a recipient batch keeps failing and lands in the dead-letter queue. */
  public readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'SendDeadLetterQueue');
    this.sendQueue = new Queue(this, 'SendQueue', {
      // Six times the function's timeout, as AWS advises for SQS event sources.
      visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    const concurrency = Math.max(2, props.maxConcurrency ?? 2);
    this.function = daybreakFunction(this, 'SendFunction', {
      name: 'send',
      timeout: SEND_TIMEOUT,
      // Nothing else may run more senders than the token buckets were sized for.
      reservedConcurrentExecutions: concurrency,
      environment: toEnvironment({
        ...mailingSettingsOf(props),
        maxSendRate: props.maxSendRate,
        sendConcurrency: concurrency,
      }),
    });
    this.function.addEventSource(
      new SqsEventSource(this.sendQueue, {
        batchSize: sendBatchSize(perSenderRate(props.maxSendRate, concurrency), SEND_TIMEOUT.toSeconds()),
        reportBatchItemFailures: true,
        maxConcurrency: concurrency,
      }),
    );
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A recipient batch failed five times and is in the send dead-letter queue: its recipients were not mailed.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.table.grantReadWriteData(this.function);
    props.tokenKey.grantRead(this.function);
    // The send Lambda lowers its pace to the account's quota when SES reports a lower one; the call takes no resource.
    this.function.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] }));
    grantSendMail(this.function, props);
  }
}
