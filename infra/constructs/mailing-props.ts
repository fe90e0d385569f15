import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';

/** What every construct that sends mail to subscribers needs: the table, the link key and the sender. */
export interface MailingProps {
  table: TableV2;
  tokenKey: ISecret;
  /** `Name <address>` */
  sender: string;
  senderDomain: string;
  publicUrl: string;
  configurationSetName: string;
  unsubscribeMailto: string;
}
