import { ConfigurationSet, EmailIdentity as SesEmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface EmailIdentityProps {
  domain: string;
  configurationSetName: string;
}

/** The sending domain (Easy DKIM, a custom MAIL FROM) and the configuration set every message uses. */
export class EmailIdentity extends Construct {
  public readonly identity: SesEmailIdentity;
  public readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: EmailIdentityProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', { configurationSetName: props.configurationSetName });
    this.identity = new SesEmailIdentity(this, 'DomainIdentity', {
      identity: Identity.domain(props.domain),
      mailFromDomain: `mail.${props.domain}`,
      configurationSet: this.configurationSet,
    });
  }
}
