import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { text } from './settings-contract';
import { TokenSigner } from './tokens';

/** The link key itself (the local stack), or the ARN of the secret that holds it (AWS). */
export const tokenKeySettings = {
  tokenSecret: text(
    'DAYBREAK_TOKEN_SECRET',
    z.optional(z.string().check(z.minLength(32, 'expected at least 32 characters'))),
  ),
  tokenSecretArn: text('DAYBREAK_TOKEN_SECRET_ARN', z.optional(z.string().check(z.startsWith('arn:')))),
};

/**
 * The key that signs subscriber links: given directly (the local stack generates one into its data
 * folder) or read once per cold start from Secrets Manager in AWS, where the stack generates it.
 */
export async function loadTokenSigner(
  settings: { tokenSecret?: string; tokenSecretArn?: string },
  secrets: SecretsManagerClient,
): Promise<TokenSigner> {
  if (settings.tokenSecret) return new TokenSigner(settings.tokenSecret);
  if (!settings.tokenSecretArn)
    throw new Error('Set DAYBREAK_TOKEN_SECRET or DAYBREAK_TOKEN_SECRET_ARN: links to subscribers must be signed');
  const result = await secrets.send(new GetSecretValueCommand({ SecretId: settings.tokenSecretArn }));
  if (!result.SecretString) throw new Error(`secret ${settings.tokenSecretArn} has no string value`);
  return new TokenSigner(result.SecretString);
}
