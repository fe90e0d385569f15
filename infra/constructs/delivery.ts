import { Duration, Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { daybreakFunction } from './daybreak-function';

export interface DeliveryProps {
  table: TableV2;
  tokenKey: ISecret;
  sender: string;
  senderDomain: string;
  publicUrl: string;
  configurationSetName: string;
  unsubscribeMailto: string;
  /** Concurrent senders; with SES's per-second rate, this bounds the send rate. */
  maxConcurrency?: number;
}

/** The send queue (with its dead-letter queue) and the Lambda that mails each recipient batch. */
export class Delivery extends Construct {
  public readonly sendQueue: Queue;
  public readonly deadLetterQueue: Queue;
  public readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: DeliveryProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'SendDeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.sendQueue = new Queue(this, 'SendQueue', {
      visibilityTimeout: Duration.minutes(6),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.function = daybreakFunction(this, 'SendFunction', {
      name: 'send',
      timeout: Duration.minutes(1),
      environment: {
        DAYBREAK_TABLE: props.table.tableName,
        DAYBREAK_SENDER: props.sender,
        DAYBREAK_PUBLIC_URL: props.publicUrl,
        DAYBREAK_UNSUBSCRIBE_MAILTO: props.unsubscribeMailto,
        DAYBREAK_CONFIGURATION_SET: props.configurationSetName,
        DAYBREAK_TOKEN_SECRET_ARN: props.tokenKey.secretArn,
      },
    });
    this.function.addEventSource(
      new SqsEventSource(this.sendQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: props.maxConcurrency ?? 2 }),
    );
    props.table.grantReadWriteData(this.function);
    props.tokenKey.grantRead(this.function);
    const stack = Stack.of(this);
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderDomain }),
          stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }),
        ],
      }),
    );
  }
}
