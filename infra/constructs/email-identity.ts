import { CfnOutput, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, EmailIdentity as SesEmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailIdentityProps {
  domain: string;
  configurationSetName: string;
}

/**
 * The sending domain (Easy DKIM, a custom MAIL FROM) and the configuration set every message uses.
 * Its outputs list every DNS record the operator must add for mail to authenticate.
 */
export class EmailIdentity extends Construct {
  public readonly identity: SesEmailIdentity;
  public readonly configurationSet: ConfigurationSet;
  public readonly mailFromDomain: string;

  constructor(scope: Construct, id: string, props: EmailIdentityProps) {
    super(scope, id);
    this.mailFromDomain = `mail.${props.domain}`;
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
    });
    this.identity = new SesEmailIdentity(this, 'DomainIdentity', {
      identity: Identity.domain(props.domain),
      mailFromDomain: this.mailFromDomain,
      configurationSet: this.configurationSet,
    });

    const region = Stack.of(this).region;
    this.identity.dkimRecords.forEach((record, i) => {
      new CfnOutput(this, `DnsDkim${i + 1}`, {
        description: `DKIM: add this CNAME record (${i + 1} of 3)`,
        value: `${record.name} CNAME ${record.value}`,
      });
    });
    new CfnOutput(this, 'DnsMailFromMx', {
      description: 'MAIL FROM: add this MX record',
      value: `${this.mailFromDomain} MX 10 feedback-smtp.${region}.amazonses.com`,
    });
    new CfnOutput(this, 'DnsMailFromSpf', {
      description: 'MAIL FROM: add this SPF TXT record',
      value: `${this.mailFromDomain} TXT "v=spf1 include:amazonses.com ~all"`,
    });
    new CfnOutput(this, 'DnsDmarc', {
      description: 'Suggested DMARC TXT record: start with p=none, move to quarantine once reports are clean',
      value: `_dmarc.${props.domain} TXT "v=DMARC1; p=none; rua=mailto:dmarc@${props.domain}; adkim=s; aspf=r"`,
    });
  }
}
