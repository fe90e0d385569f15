import { Duration, TimeZone } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { DaybreakConfig, Edition } from '../../functions/core/daybreak-config';
import type { Identity } from '../../functions/mail/identity';
import type { Archive } from './archive';
import { daybreakFunction } from './daybreak-function';
import { deadLetterQueue } from './dead-letter-queue';
import { bundledFiles, toEnvironment } from '../../functions/digest/settings';

/** Reruns of each edition within its window, in minutes after its send time. */
export const RETRY_AFTER_MINUTES = [30, 90];

export interface DigestBuilderProps {
  table: TableV2;
  sendQueue: IQueue;
  editions: Edition[];
  publicUrl: string;
  /** The brand and postal address every edition wears. */
  identity: Identity;
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
    const settings = {
      table: props.table.tableName,
      sendQueueUrl: props.sendQueue.queueUrl,
      editions: props.editions,
      publicUrl: props.publicUrl,
      identity: props.identity,
      archiveBucket: props.archive.bucket.bucketName,
      clickTracking: props.tracking.clicks,
      readersMinClicks: props.tracking.readersMinClicks,
      tokenSecretArn: props.tokenKey.secretArn,
    };
    this.function = daybreakFunction(this, 'DigestFunction', {
      name: 'digest',
      withTemplates: true,
      memorySize: 1024,
      timeout: Duration.minutes(15),
      // The editions travel in the bundle: the environment's 4 KB would hold only a few dozen.
      environment: toEnvironment(settings),
      files: bundledFiles(settings),
    });
    if (props.tracking.clicks !== 'off') props.tokenKey.grantRead(this.function);
    props.table.grantReadWriteData(this.function);
    props.archive.grantWritePages(this.function);
    props.sendQueue.grantSendMessages(this.function);
    this.deadLetterQueue = deadLetterQueue(this, 'DigestDeadLetterQueue', {
      catchesFailuresOf: 'the digest schedules',
    });
    const target = (input: Record<string, unknown>) =>
      new LambdaInvoke(this.function, {
        input: ScheduleTargetInput.fromObject(input),
        retryAttempts: 2,
        deadLetterQueue: this.deadLetterQueue,
      });
    this.schedules = props.editions.flatMap((edition) => {
      const [hour, minute] = edition.sendAt.split(':').map(Number) as [number, number];
      const at = (after: number) => {
        const minutes = (hour * 60 + minute + after) % (24 * 60);
        return ScheduleExpression.cron({
          hour: String(Math.floor(minutes / 60)),
          minute: String(minutes % 60),
          timeZone: TimeZone.of(edition.timezone),
        });
      };
      return [
        new Schedule(this, `DigestSchedule-${edition.id}`, {
          schedule: at(0),
          target: target({ edition: edition.id }),
          description: `Build and send the ${edition.id} edition at ${edition.sendAt} ${edition.timezone}`,
        }),
        // The scheduled retry: a rerun reconciles, so recipients a crash or a lost message left out are
        // enqueued again without an operator (the ledger keeps everyone else from a second copy), and a
        // run that still finds the edition incomplete raises EditionIncomplete.
        ...RETRY_AFTER_MINUTES.map(
          (after) =>
            new Schedule(this, `DigestRetry${after}-${edition.id}`, {
              schedule: at(after),
              target: target({ edition: edition.id, retryAfterMinutes: after }),
              description: `Rerun the ${edition.id} edition ${after} minutes after ${edition.sendAt} ${edition.timezone}: enqueue whoever is missing`,
            }),
        ),
      ];
    });
  }
}
