import { Duration, TimeZone } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { DaybreakConfig, Edition } from '../../functions/core/daybreak-config';
import type { Archive } from './archive';
import { daybreakFunction } from './daybreak-function';
import { deadLetterQueue } from './dead-letter-queue';
import { toEnvironment } from '../../functions/digest/settings';

export interface DigestBuilderProps {
  table: TableV2;
  sendQueue: IQueue;
  editions: Edition[];
  publicUrl: string;
  archive: Archive;
  /** The link key: it signs each edition's click links. */
  tokenKey: ISecret;
  tracking: DaybreakConfig['tracking'];
}

/** Builds each edition at its local send time (one schedule per edition) and fans it out to the send queue. */
export class DigestBuilder extends Construct {
  public readonly function: NodejsFunction;
  public readonly schedules: Schedule[];
  /** Scheduled builds that failed after their retries land here (and raise an alarm). */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DigestBuilderProps) {
    super(scope, id);
    this.function = daybreakFunction(this, 'DigestFunction', {
      name: 'digest',
      withTemplates: true,
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: toEnvironment({
        table: props.table.tableName,
        sendQueueUrl: props.sendQueue.queueUrl,
        editions: props.editions,
        publicUrl: props.publicUrl,
        archiveBucket: props.archive.bucket.bucketName,
        clickTracking: props.tracking.clicks,
        readersMinClicks: props.tracking.readersMinClicks,
        tokenSecretArn: props.tokenKey.secretArn,
      }),
    });
    if (props.tracking.clicks !== 'off') props.tokenKey.grantRead(this.function);
    props.table.grantReadWriteData(this.function);
    props.archive.grantWritePages(this.function);
    props.sendQueue.grantSendMessages(this.function);
    this.deadLetterQueue = deadLetterQueue(this, 'DigestDeadLetterQueue', {
      catchesFailuresOf: 'the digest schedules',
    });
    this.schedules = props.editions.map((edition) => {
      const [hour, minute] = edition.sendAt.split(':');
      return new Schedule(this, `DigestSchedule-${edition.id}`, {
        schedule: ScheduleExpression.cron({
          hour: String(Number(hour)),
          minute: String(Number(minute)),
          timeZone: TimeZone.of(edition.timezone),
        }),
        target: new LambdaInvoke(this.function, {
          input: ScheduleTargetInput.fromObject({ edition: edition.id }),
          retryAttempts: 2,
          deadLetterQueue: this.deadLetterQueue,
        }),
        description: `Build and send the ${edition.id} edition at ${edition.sendAt} ${edition.timezone}`,
      });
    });
  }
}
