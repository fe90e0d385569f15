import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TokenSigner } from './tokens';

/**
 * The key that signs subscriber links: given directly (the local stack generates one into its data
 * folder) or read once per cold start from Secrets Manager in AWS, where the stack generates it.
 */
export async function loadTokenSigner(
  setting: { DAYBREAK_TOKEN_SECRET?: string; DAYBREAK_TOKEN_SECRET_ARN?: string },
  secrets: SecretsManagerClient = new SecretsManagerClient({}),
): Promise<TokenSigner> {
  if (setting.DAYBREAK_TOKEN_SECRET) return new TokenSigner(setting.DAYBREAK_TOKEN_SECRET);
  if (!setting.DAYBREAK_TOKEN_SECRET_ARN)
    throw new Error('Set DAYBREAK_TOKEN_SECRET or DAYBREAK_TOKEN_SECRET_ARN: links to subscribers must be signed');
  const result = await secrets.send(new GetSecretValueCommand({ SecretId: setting.DAYBREAK_TOKEN_SECRET_ARN }));
  if (!result.SecretString) throw new Error(`secret ${setting.DAYBREAK_TOKEN_SECRET_ARN} has no string value`);
  return new TokenSigner(result.SecretString);
}
