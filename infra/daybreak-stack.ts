import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { senderDomain, type DaybreakConfig } from '../functions/core/daybreak-config';
import { Storage } from './constructs/storage';
import { Collector } from './constructs/collector';
import { DigestBuilder } from './constructs/digest-builder';
import { Delivery } from './constructs/delivery';
import { EmailIdentity } from './constructs/email-identity';
import { Subscribers } from './constructs/subscribers';
import { Feedback } from './constructs/feedback';

export interface DaybreakStackProps extends StackProps {
  config: DaybreakConfig;
}

/** Daybreak on AWS: one construct per capability, composed here. */
export class DaybreakStack extends Stack {
  public readonly storage: Storage;
  public readonly collector: Collector;
  public readonly digest: DigestBuilder;
  public readonly delivery: Delivery;
  public readonly email: EmailIdentity;
  public readonly subscribers: Subscribers;
  public readonly feedback: Feedback;
  /** Where alarms go: the operator's address, when the config names one. */
  public readonly alarms: Topic;

  constructor(scope: Construct, id: string, props: DaybreakStackProps) {
    super(scope, id, props);
    const { config } = props;
    const domain = senderDomain(config);

    this.storage = new Storage(this, 'Storage');
    this.email = new EmailIdentity(this, 'EmailIdentity', { domain, configurationSetName: config.ses.configurationSet });
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
    this.delivery = new Delivery(this, 'Delivery', {
      table: this.storage.table,
      tokenKey,
      sender: `${config.sender.name} <${config.sender.address}>`,
      senderDomain: domain,
      publicUrl: config.publicUrl,
      configurationSetName: config.ses.configurationSet,
      unsubscribeMailto: `unsubscribe@${domain}`,
      maxSendRate: config.ses.maxSendRate,
      maxConcurrency: config.ses.senders,
    });
    this.subscribers = new Subscribers(this, 'Subscribers', {
      table: this.storage.table,
      tokenKey,
      sender: `${config.sender.name} <${config.sender.address}>`,
      senderDomain: domain,
      publicUrl: config.publicUrl,
      configurationSetName: config.ses.configurationSet,
      unsubscribeMailto: `unsubscribe@${domain}`,
      editions: config.editions,
    });
    this.feedback = new Feedback(this, 'Feedback', {
      table: this.storage.table,
      configurationSet: this.email.configurationSet,
      complaintPauseRate: config.ses.complaintPauseRate,
    });
    this.alarms = new Topic(this, 'Alarms', { displayName: 'Daybreak alarms', enforceSSL: true });
    if (config.alarmEmail) this.alarms.addSubscription(new EmailSubscription(config.alarmEmail));
    for (const alarm of [this.delivery.deadLetterAlarm, this.feedback.pausedAlarm]) alarm.addAlarmAction(new SnsAction(this.alarms));
    this.digest = new DigestBuilder(this, 'Digest', {
      table: this.storage.table,
      sendQueue: this.delivery.sendQueue,
      editions: config.editions,
      publicUrl: config.publicUrl,
    });

    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'SendQueueUrl', { value: this.delivery.sendQueue.queueUrl });
  }
}
