import { Stack } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { MailingSettingsInput } from '../../functions/mail/mailing-settings';

/** What every construct that sends mail to subscribers needs: the table, the link key and the sender. */
export interface MailingProps {
  table: TableV2;
  tokenKey: ISecret;
  /** `Name <address>` */
  sender: string;
  senderDomain: string;
  publicUrl: string;
  configurationSetName: string;
}

/** The mailing settings these props give a function (its environment is written from them). */
export function mailingSettingsOf(props: MailingProps): MailingSettingsInput {
  return {
    table: props.table.tableName,
    sender: props.sender,
    publicUrl: props.publicUrl,
    configurationSet: props.configurationSetName,
    tokenSecretArn: props.tokenKey.secretArn,
  };
}

/** Lets `fn` send raw mail through the sender's identity and configuration set only. */
export function grantSendMail(fn: IFunction, props: Pick<MailingProps, 'senderDomain' | 'configurationSetName'>): void {
  const stack = Stack.of(fn);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderDomain }),
        stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }),
      ],
    }),
  );
}
