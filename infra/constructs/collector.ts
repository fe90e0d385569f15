import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import type { Source } from '../../functions/core/daybreak-config';
import { daybreakFunction } from './daybreak-function';

export interface CollectorProps {
  table: TableV2;
  sources: Source[];
  retentionDays: number;
}

/** Collects the configured sources into the table every 30 minutes. */
export class Collector extends Construct {
  public readonly function: NodejsFunction;
  public readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: CollectorProps) {
    super(scope, id);
    this.function = daybreakFunction(this, 'CollectFunction', {
      name: 'collect',
      timeout: Duration.minutes(5),
      environment: {
        DAYBREAK_TABLE: props.table.tableName,
        DAYBREAK_SOURCES: JSON.stringify(props.sources),
        DAYBREAK_RETENTION_DAYS: String(props.retentionDays),
      },
    });
    props.table.grantWriteData(this.function);
    this.schedule = new Schedule(this, 'CollectSchedule', {
      schedule: ScheduleExpression.rate(Duration.minutes(30)),
      target: new LambdaInvoke(this.function, { retryAttempts: 0 }),
      description: 'Collect the configured sources',
    });
  }
}
