import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { EmailIdentity } from '../../infra/constructs/email-identity';

describe('EmailIdentity', () => {
  const stack = new Stack(new App(), 'Test', { env: { region: 'eu-west-1', account: '111111111111' } });
  new EmailIdentity(stack, 'Email', { domain: 'news.example.com', configurationSetName: 'daybreak' });
  const template = Template.fromStack(stack);
  const outputs = Object.values(template.toJSON().Outputs as Record<string, { Description: string; Value: unknown }>);
  const described = (text: RegExp) => outputs.filter((o) => text.test(o.Description));

  it('verifies the domain with Easy DKIM and a MAIL FROM subdomain, through the configuration set', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'news.example.com',
      MailFromAttributes: { MailFromDomain: 'mail.news.example.com' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('ConfigurationSet') } },
    });
  });

  it('outputs the three DKIM CNAMEs, the MAIL FROM MX and SPF records, and a DMARC suggestion', () => {
    expect(described(/^DKIM/)).toHaveLength(3);
    expect(described(/MAIL FROM: add this MX/)[0]?.Value).toBe(
      'mail.news.example.com MX 10 feedback-smtp.eu-west-1.amazonses.com',
    );
    expect(described(/SPF/)[0]?.Value).toBe('mail.news.example.com TXT "v=spf1 include:amazonses.com ~all"');
    expect(String(described(/DMARC/)[0]?.Value)).toMatch(/^_dmarc\.news\.example\.com TXT "v=DMARC1; p=none;/);
  });
});
