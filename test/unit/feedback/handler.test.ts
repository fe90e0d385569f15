import type { Context, SNSEvent } from 'aws-lambda';
import { awsClients } from '../../../functions/core/aws-clients';
import { lambdaObservability } from '../../../functions/core/observability';
import { createFeedbackHandler } from '../../../functions/feedback/handler';

const context = {
  awsRequestId: 'request-1',
  functionName: 'daybreak-feedback',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:daybreak-feedback',
  memoryLimitInMB: '512',
  getRemainingTimeInMillis: () => 30000,
} as unknown as Context;

/** An SNS delivery whose message is not JSON: dropped with an error line, no table touched. */
const unreadable: SNSEvent = {
  Records: [{ Sns: { MessageId: 'sns-1', Message: 'not json' } } as SNSEvent['Records'][number]],
};

describe('the feedback handler, built by its factory', () => {
  let lines: Record<string, unknown>[];
  beforeEach(() => {
    lines = [];
    const keep = (chunk: unknown) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(keep);
    jest.spyOn(process.stderr, 'write').mockImplementation(keep);
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs with the request id and cold start, and publishes its metrics when the invocation ends', async () => {
    // Prepare
    const handler = createFeedbackHandler(
      { table: 'daybreak-test', complaintPauseRate: 0.0025 },
      awsClients({ region: 'us-east-1' }),
      lambdaObservability('feedback'),
    );
    // Act
    const outcomes = await handler(unreadable, context);
    // Assess
    expect(outcomes).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'unreadable SES event, dropped',
        function_request_id: 'request-1',
        // true on an instance's first call in Lambda (AWS_LAMBDA_INITIALIZATION_TYPE on-demand); present on every line.
        cold_start: expect.any(Boolean),
        service: 'feedback',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ service: 'feedback', Bounces: 0, Complaints: 0, EditionsPaused: 0 }),
    );
  });
});
