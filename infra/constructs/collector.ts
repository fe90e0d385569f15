import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Edition, ResolvedSource } from '../../functions/core/daybreak-config';
import { daybreakFunction } from './daybreak-function';
import { deadLetterQueue } from './dead-letter-queue';
import { bundledFiles, toEnvironment } from '../../functions/collect/settings';

export interface CollectorProps {
  table: TableV2;
  sources: ResolvedSource[];
  editions: Edition[];
  retentionDays: number;
  /** @default 30 */
  everyMinutes?: number;
}

/** Collects the configured sources into the table every 30 minutes. */
export class Collector extends Construct {
  public readonly function: NodejsFunction;
  public readonly schedule: Schedule;
  /** Scheduled invocations that failed after their retries land here. */
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: CollectorProps) {
    super(scope, id);
    const settings = {
      table: props.table.tableName,
      sources: props.sources,
      editions: props.editions,
      retentionDays: props.retentionDays,
      collectEveryMinutes: props.everyMinutes ?? 30,
    };
    this.function = daybreakFunction(this, 'CollectFunction', {
      name: 'collect',
      timeout: Duration.minutes(5),
      // The sources and editions travel in the bundle: the environment's 4 KB would hold only a few dozen.
      environment: toEnvironment(settings),
      files: bundledFiles(settings),
    });
    // Reads too: unchanged articles are recognised by their stored hash and not written again.
    props.table.grantReadWriteData(this.function);
    this.deadLetterQueue = deadLetterQueue(this, 'CollectDeadLetterQueue', {
      catchesFailuresOf: 'the collect schedule',
    });
    this.schedule = new Schedule(this, 'CollectSchedule', {
      schedule: ScheduleExpression.rate(Duration.minutes(props.everyMinutes ?? 30)),
      target: new LambdaInvoke(this.function, {
        retryAttempts: 2,
        maxEventAge: Duration.minutes(props.everyMinutes ?? 30),
        deadLetterQueue: this.deadLetterQueue,
      }),
      description: 'Collect the configured sources',
    });
  }
}
