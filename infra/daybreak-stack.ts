import { mailbox } from '../functions/mail/mailbox';
import { CfnOutput, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { requirePostalAddress } from '../functions/mail/identity';
import { senderDomain, type DaybreakConfig } from '../functions/core/daybreak-config';
import { Storage } from './constructs/storage';
import { Archive } from './constructs/archive';
import { Collector } from './constructs/collector';
import { DigestBuilder } from './constructs/digest-builder';
import { Delivery } from './constructs/delivery';
import { EmailIdentity } from './constructs/email-identity';
import { Subscribers } from './constructs/subscribers';
import { Feedback } from './constructs/feedback';
import { Observability } from './constructs/observability';
import type { MailingProps } from './constructs/mailing-props';

export interface DaybreakStackProps extends StackProps {
  config: DaybreakConfig;
}

/** Daybreak on AWS: one construct per capability, composed here. */
export class DaybreakStack extends Stack {
  public readonly storage: Storage;
  public readonly archive: Archive;
  public readonly collector: Collector;
  public readonly digest: DigestBuilder;
  public readonly delivery: Delivery;
  public readonly email: EmailIdentity;
  public readonly subscribers: Subscribers;
  public readonly feedback: Feedback;
  public readonly observability: Observability;

  constructor(scope: Construct, id: string, props: DaybreakStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (config.fetch.allowPrivateAddresses)
      throw new Error(
        'fetch.allowPrivateAddresses is for the local stack only: on AWS it would let a source reach the Lambda runtime API, the instance metadata service and private networks; remove it from the configuration',
      );
    const identity = { brand: config.brand, postalAddress: requirePostalAddress(config) };
    const domain = senderDomain(config);

    this.storage = new Storage(this, 'Storage');
    this.archive = new Archive(this, 'Archive');
    this.email = new EmailIdentity(this, 'EmailIdentity', {
      domain,
      configurationSetName: config.ses.configurationSet,
    });
    const tokenKey = new Secret(this, 'TokenKey', {
      description: 'Signs the links in Daybreak emails (confirm, unsubscribe, preferences)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.collector = new Collector(this, 'Collector', {
      table: this.storage.table,
      sources: config.sources,
      editions: config.editions,
      retentionDays: config.retentionDays,
      everyMinutes: config.collectEveryMinutes,
    });
    const mailing: MailingProps = {
      table: this.storage.table,
      tokenKey,
      sender: mailbox(config.sender.name, config.sender.address),
      senderDomain: domain,
      publicUrl: config.publicUrl,
      configurationSetName: config.ses.configurationSet,
    };
    this.delivery = new Delivery(this, 'Delivery', {
      ...mailing,
      maxSendRate: config.ses.maxSendRate,
      maxConcurrency: config.ses.senders,
    });
    this.subscribers = new Subscribers(this, 'Subscribers', {
      ...mailing,
      editions: config.editions,
      identity,
      archive: this.archive,
      signups: config.signups,
      tracking: config.tracking,
    });
    this.feedback = new Feedback(this, 'Feedback', {
      table: this.storage.table,
      configurationSet: this.email.configurationSet,
      complaintPauseRate: config.ses.complaintPauseRate,
    });
    this.digest = new DigestBuilder(this, 'Digest', {
      table: this.storage.table,
      sendQueue: this.delivery.sendQueue,
      editions: config.editions,
      publicUrl: config.publicUrl,
      identity,
      archive: this.archive,
      tokenKey,
      tracking: config.tracking,
    });

    this.observability = new Observability(this, 'Observability', {
      functions: {
        Collect: this.collector.function,
        Digest: this.digest.function,
        Send: this.delivery.function,
        Subscribe: this.subscribers.function,
        Feedback: this.feedback.function,
      },
      // The send queue's dead-letter alarm is Delivery's own.
      deadLetterQueues: {
        Collect: this.collector.deadLetterQueue,
        Digest: this.digest.deadLetterQueue,
        Feedback: this.feedback.deadLetterQueue,
      },
      alarms: [this.delivery.deadLetterAlarm, this.feedback.pausedAlarm],
      alarmEmail: config.alarmEmail,
      editions: config.editions.map((e) => e.id),
      maxSendRate: config.ses.maxSendRate,
    });

    Validations.of(this).acknowledge(
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.storage.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
        reason:
          'Table grants cover its indexes; the only index is ActiveSubscribers, which the digest and the subscriber routes query.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(this.archive.bucket.node.defaultChild as CfnElement)}.Arn>/archive/*]`,
        reason:
          'The digest writes, and the subscribe function reads, the editions’ pages: every object under archive/, and nothing else in the bucket.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-SMG4',
        reason:
          'Rotating the link-signing key would break every unsubscribe link already in inboxes (valid for a year); it is rotated by hand with a grace period.',
      },
      ...[this.collector.function, this.digest.function].map((fn) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason:
          'EventBridge Scheduler may invoke any version of the function it schedules; CDK grants function:* for that.',
      })),
    );

    // The daybreak CLI finds the deployed functions and table through these (`--stack`).
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'CollectFunctionName', { value: this.collector.function.functionName });
    new CfnOutput(this, 'DigestFunctionName', { value: this.digest.function.functionName });
    new CfnOutput(this, 'SendQueueUrl', { value: this.delivery.sendQueue.queueUrl });
    // The key's ARN, not the key: `daybreak subscribers --stack` reads it with the operator's own rights.
    new CfnOutput(this, 'TokenKeyArn', { value: tokenKey.secretArn });
  }
}
