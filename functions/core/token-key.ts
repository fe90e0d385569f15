import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { TokenSigner } from './tokens';

/**
 * The key that signs subscriber links: given directly (the local stack generates one into its data
 * folder) or read once per cold start from an SSM SecureString parameter in AWS.
 */
export async function loadTokenSigner(setting: { DAYBREAK_TOKEN_SECRET?: string; DAYBREAK_TOKEN_PARAMETER?: string }, ssm?: SSMClient): Promise<TokenSigner> {
  if (setting.DAYBREAK_TOKEN_SECRET) return new TokenSigner(setting.DAYBREAK_TOKEN_SECRET);
  if (!setting.DAYBREAK_TOKEN_PARAMETER) throw new Error('Set DAYBREAK_TOKEN_SECRET or DAYBREAK_TOKEN_PARAMETER: links to subscribers must be signed');
  const client = ssm ?? new SSMClient({});
  const result = await client.send(new GetParameterCommand({ Name: setting.DAYBREAK_TOKEN_PARAMETER, WithDecryption: true }));
  const value = result.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${setting.DAYBREAK_TOKEN_PARAMETER} has no value`);
  return new TokenSigner(value);
}
