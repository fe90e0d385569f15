import { mockClient } from 'aws-sdk-client-mock';
import { GetSendQuotaCommand, SESClient, SESServiceException } from '@aws-sdk/client-ses';
import { silentLogger } from '../../../functions/core/log';
import { accountSendRate } from '../../../functions/send/send-rate';

const ses = mockClient(SESClient);
const client = new SESClient({ region: 'us-east-1' });
beforeEach(() => ses.reset());

describe('accountSendRate (the rate all senders share)', () => {
  it('keeps the configured rate when the account allows more', async () => {
    ses.on(GetSendQuotaCommand).resolves({ MaxSendRate: 200, Max24HourSend: 1e6, SentLast24Hours: 0 });
    expect(await accountSendRate(client, 14, silentLogger)).toBe(14);
  });

  it('lowers it to the account quota (a sandbox account sends 1 a second)', async () => {
    ses.on(GetSendQuotaCommand).resolves({ MaxSendRate: 1 });
    expect(await accountSendRate(client, 14, silentLogger)).toBe(1);
  });

  it('keeps the configured rate when SES cannot say', async () => {
    ses.on(GetSendQuotaCommand).rejects(
      new SESServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
        message: 'no',
      }),
    );
    expect(await accountSendRate(client, 14, silentLogger)).toBe(14);
  });
});
