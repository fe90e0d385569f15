import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { loadConfigFile } from '../../functions/core/load-config-file';
import { DaybreakStack } from '../../infra/daybreak-stack';

const config = loadConfigFile(path.join(__dirname, '../../config/daybreak.json'));

describe('Subscribers construct', () => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new DaybreakStack(app, 'Test', { config });
  const template = Template.fromStack(stack);
  const subscribeRole = stack.resolve(
    (stack.subscribers.function.role?.node.defaultChild as { ref: string } | undefined)?.ref,
  ) as unknown;

  it('serves every path through one HTTP API to the subscribe Lambda, throttled', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 50 },
    });
  });

  it('runs the subscribe Lambda with its settings and the link key from Secrets Manager, never the key itself', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Environment: {
        Variables: Match.objectLike({
          DAYBREAK_EDITIONS_FILE: 'editions.json',
          DAYBREAK_PUBLIC_URL: config.publicUrl,
          DAYBREAK_TOKEN_SECRET_ARN: Match.anyValue(),
          DAYBREAK_TOKEN_SECRET: Match.absent(),
          DAYBREAK_SIGNUPS_PER_NETWORK_PER_HOUR: String(config.signups.perNetworkPerHour),
          DAYBREAK_CONFIRMATIONS_PER_ADDRESS_PER_HOUR: String(config.signups.confirmationsPerAddressPerHour),
        }),
      },
    });
  });

  it('grants the subscribe Lambda single-item table access, the key, the archive’s pages and SendRawEmail on its identity only', () => {
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [subscribeRole] } });
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'secretsmanager:GetSecretValue',
        'ses:SendRawEmail',
        's3:GetObject',
      ]),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => a.startsWith('s3:')).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    const listing = statements.find((s) => s.Action === 's3:ListBucket') as { Condition?: unknown } | undefined;
    expect(listing?.Condition).toEqual({ StringLike: { 's3:prefix': ['archive/', 'archive/*'] } });
    const pages = statements.find((s) => s.Action === 's3:GetObject');
    expect(JSON.stringify(pages?.Resource)).toContain('/archive/*');
    expect(actions.some((a) => a.endsWith('*'))).toBe(false);
    const ses = statements.find((s) => s.Action === 'ses:SendRawEmail');
    expect(JSON.stringify(ses?.Resource)).toContain(':identity/news.example.com');
  });

  it('outputs the form URL', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).some((name) => name.includes('FormUrl'))).toBe(true);
  });
});
