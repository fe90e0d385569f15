import { GetSendQuotaCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Logger } from '../core/log';

const QUOTA_TIMEOUT_MS = 2000;

/**
 * The account's SES rate: the configured one, lowered to the account's quota when SES says it is
 * lower (a sandbox account sends one message a second). When SES cannot say, the configured rate
 * stands: it is the operator's statement of the quota.
 */
export async function accountSendRate(ses: SESClient, configured: number, log: Logger): Promise<number> {
  try {
    const quota = await ses.send(new GetSendQuotaCommand({}), { abortSignal: AbortSignal.timeout(QUOTA_TIMEOUT_MS) });
    const max = quota.MaxSendRate ?? 0;
    if (max > 0 && max < configured) {
      log.warn('SES quota is below the configured rate; sending at the quota', { configured, quota: max });
      return max;
    }
  } catch (error) {
    log.warn('SES quota unavailable; sending at the configured rate', {
      configured,
      reason: error instanceof Error ? error.message : String(error),
    });
  }
  return configured;
}
