import { AccountSendingPausedException, MessageRejected, SESServiceException } from '@aws-sdk/client-ses';
import { classifySesError } from '../../../functions/send/ses-errors';

const sesError = (name: string, status: number | undefined, message = name) =>
  new SESServiceException({
    name,
    $fault: status !== undefined && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message,
  });

describe('classifySesError (what a failed SendRawEmail means for the claim)', () => {
  it('retries throttling, whatever its name, and server errors', () => {
    expect(classifySesError(sesError('Throttling', 400, 'Maximum sending rate exceeded.')).kind).toBe('retry');
    expect(classifySesError(sesError('MaxSendingRateExceeded', 400)).kind).toBe('retry');
    expect(classifySesError(sesError('ServiceUnavailable', 503)).kind).toBe('retry');
    expect(classifySesError(sesError('InternalFailure', 500)).kind).toBe('retry');
    expect(
      classifySesError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind,
    ).toBe('retry');
  });

  it('halts the batch when SES will take nothing for a while', () => {
    expect(classifySesError(sesError('Throttling', 400, 'Daily message quota exceeded.')).kind).toBe('halt');
    expect(
      classifySesError(new AccountSendingPausedException({ message: 'paused', $metadata: { httpStatusCode: 400 } }))
        .kind,
    ).toBe('halt');
  });

  it('records a rejection as a failure with its reason, never retried', () => {
    const verdict = classifySesError(
      new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }),
    );
    expect(verdict).toEqual({ kind: 'permanent', reason: 'MessageRejected: Email address is not verified.' });
    expect(classifySesError(sesError('InvalidParameterValue', 400, 'Missing final @domain')).kind).toBe('permanent');
  });

  it('treats an error with no answer from SES (a timeout) as ambiguous: the claim stays', () => {
    expect(classifySesError(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })).kind).toBe(
      'ambiguous',
    );
  });
});
