import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Delivery } from '../../infra/constructs/delivery';
import { Storage } from '../../infra/constructs/storage';

function delivery(maxSendRate: number, maxConcurrency: number): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'DeliveryTest');
  new Delivery(stack, 'Delivery', {
    table: new Storage(stack, 'Storage').table,
    tokenKey: new Secret(stack, 'Key'),
    sender: 'Daybreak <digest@news.example.com>',
    senderDomain: 'news.example.com',
    publicUrl: 'https://news.example.com',
    configurationSetName: 'daybreak',
    maxSendRate,
    maxConcurrency,
  });
  return Template.fromStack(stack);
}

describe('Delivery (the send queue and the senders)', () => {
  it('gives each of the senders its share of the SES rate, and lets no more of them run', () => {
    const template = delivery(200, 4);
    template.hasResourceProperties('AWS::Lambda::Function', {
      ReservedConcurrentExecutions: 4,
      Environment: { Variables: Match.objectLike({ DAYBREAK_MAX_SEND_RATE: '200', DAYBREAK_SEND_CONCURRENCY: '4' }) },
    });
    // 50 a second each: ten seconds of sending is 500 recipients, 10 messages of 50.
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 4 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('never has fewer than the two senders SQS requires', () => {
    delivery(14, 1).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('may read the account’s SES quota, to pace below it when it is lower', () => {
    delivery(14, 2).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'ses:GetSendQuota', Resource: '*' })]) },
    });
  });
});
