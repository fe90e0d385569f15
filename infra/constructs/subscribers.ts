import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { Edition } from '../../functions/core/daybreak-config';
import type { Archive } from './archive';
import { daybreakFunction } from './daybreak-function';
import type { Identity } from '../../functions/mail/identity';
import { grantSendMail, type MailingProps, mailingSettingsOf } from './mailing-props';
import type { ClickTracking } from '../../functions/core/clicks/click-settings';
import { bundledFiles, toEnvironment } from '../../functions/subscribe/settings';

export interface SubscribersProps extends MailingProps {
  editions: Edition[];
  /** The brand and postal address of the confirmation email and the pages. */
  identity: Identity;
  /** The editions' pages, served at /archive/DATE/EDITION. */
  archive: Archive;
  /** Abuse limits of the form (the configuration's `signups`). */
  signups: { perNetworkPerHour: number; confirmationsPerAddressPerHour: number };
  /** Click counting (the configuration's `tracking`). @default aggregate, 30 s bot window */
  tracking?: { clicks: ClickTracking; botSeconds: number };
  /** Requests per second across the API, and the burst above it; abuse beyond meets 429s. */
  rateLimit?: number;
  burstLimit?: number;
}

/**
 * The subscriber-facing side: an HTTP API (throttled) in front of the subscribe Lambda, which
 * serves the form, confirmation, unsubscribe, preferences and the archive pages.
 */
export class Subscribers extends Construct {
  public readonly api: HttpApi;
  public readonly stage: HttpStage;
  public readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: SubscribersProps) {
    super(scope, id);
    const settings = {
      ...mailingSettingsOf(props),
      editions: props.editions,
      identity: props.identity,
      archiveBucket: props.archive.bucket.bucketName,
      signupsPerNetworkPerHour: props.signups.perNetworkPerHour,
      confirmationsPerAddressPerHour: props.signups.confirmationsPerAddressPerHour,
      clickTracking: props.tracking?.clicks,
      clickBotSeconds: props.tracking?.botSeconds,
    };
    this.function = daybreakFunction(this, 'SubscribeFunction', {
      name: 'subscribe',
      timeout: Duration.seconds(10),
      withTemplates: true,
      // The editions travel in the bundle: the environment's 4 KB would hold only a few dozen.
      environment: toEnvironment(settings),
      files: bundledFiles(settings),
    });
    // Least privilege: single items of the table (no Scan, no index, no batch), the link key, and
    // raw mail through the sender identity and its configuration set only.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [props.table.tableArn],
      }),
    );
    props.tokenKey.grantRead(this.function);
    props.archive.grantReadPages(this.function);
    grantSendMail(this.function, props);

    this.api = new HttpApi(this, 'Api', {
      description: 'Daybreak signup form, confirmation, unsubscribe and preferences',
      defaultIntegration: new HttpLambdaIntegration('Subscribe', this.function),
      createDefaultStage: false,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 20, burstLimit: props.burstLimit ?? 50 },
    });
    // Access logs without addresses: API Gateway's standard fields carry no request bodies.
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    (this.stage.node.defaultChild as CfnStage).accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        method: '$context.httpMethod',
        path: '$context.path',
        status: '$context.status',
        latency: '$context.responseLatency',
      }),
    };
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'A public signup form: anyone may load it and post to it. Every other route is authorized by a signed, expiring token in its link.',
    });
    new CfnOutput(this, 'FormUrl', {
      value: this.stage.url,
      description: 'The signup form (point the public URL of config/daybreak.json here)',
    });
  }
}
